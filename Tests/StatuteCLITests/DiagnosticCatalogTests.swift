import Foundation
import Statute
import Testing

/// Every diagnostic code has a rule in the SARIF log and a description in
/// docs/diagnostics.md, where the rule's `helpUri` points.
@Suite("docs: diagnostic codes")
struct DiagnosticCatalogTests {
    static let root = DocsExamplesTests.root

    /// Every code the sources declare (`: DiagnosticCode = "…"`) or write in place (`.error("…"`).
    static func declaredCodes() throws -> Set<String> {
        let patterns = [#"DiagnosticCode = "([a-z0-9-]+)""#, #"\.(?:error|warning)\("([a-z0-9-]+)""#]
        let expressions = try patterns.map { try NSRegularExpression(pattern: $0) }
        var codes = Set<String>()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for expression in expressions {
                for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    codes.insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        return codes
    }

    @Test func everyDeclaredCodeIsInTheCatalog() throws {
        let catalog = Set(DiagnosticCatalog.entries.map(\.code.rawValue))
        let declared = try Self.declaredCodes()
        #expect(declared.count > 50)
        let missing = declared.subtracting(catalog).sorted()
        #expect(missing.isEmpty, "codes with no entry in DiagnosticCatalog (and docs/diagnostics.md): \(missing)")
        #expect(DiagnosticCatalog.entries.map(\.code.rawValue) == DiagnosticCatalog.entries.map(\.code.rawValue).sorted())
    }

    @Test func everyCatalogCodeIsDescribedInTheDocs() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        for entry in DiagnosticCatalog.entries {
            let code = entry.code.rawValue
            #expect(page.contains("\n### \(code)\n\n**\(entry.severity.rawValue)**: \(entry.summary)\n"),
                    "docs/diagnostics.md does not describe `\(code)` as the catalog does")
            #expect(page.contains("| [`\(code)`](#\(code)) | \(entry.severity.rawValue) |"))
            #expect(DiagnosticCatalog.helpURI(for: entry.code).hasSuffix("docs/diagnostics.md#\(code)"))
        }
    }
}
