import Foundation
import Testing

/// The library's public API is exactly what docs/embedding.md lists under "The Swift API":
/// every top-level `public` type of `Statute` and `StatuteCore` (which `Statute`
/// re-exports) is in its table, every type in the table is public, and `StatuteYAML`
/// exposes nothing.
@Suite("docs: the public Swift API")
struct PublicSurfaceTests {
    static let root = DocsExamplesTests.docs.deletingLastPathComponent()

    /// Top-level public type names declared in the Swift files under `folder`.
    static func publicTypes(in folder: String) throws -> Set<String> {
        let pattern = try Regex(#"^public (?:final )?(?:class|struct|enum|protocol|typealias|actor) ([A-Za-z_][A-Za-z0-9_]*)"#)
        var names = Set<String>()
        let base = root.appendingPathComponent(folder)
        let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                if let match = line.firstMatch(of: pattern), let name = match.output[1].substring {
                    names.insert(String(name))
                }
            }
        }
        return names
    }

    /// The type names in the table of docs/embedding.md's "The Swift API" section.
    static func documentedTypes() throws -> Set<String> {
        let page = try String(contentsOf: DocsExamplesTests.docs.appendingPathComponent("embedding.md"), encoding: .utf8)
        guard let start = page.range(of: "### The Swift API") else { return [] }
        let section = page[start.upperBound...]
        let end = section.range(of: "\n#")?.lowerBound ?? section.endIndex
        var names = Set<String>()
        for line in section[..<end].split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| for") {
            let cells = line.split(separator: "|")
            guard cells.count >= 2 else { continue }
            for match in cells[1].matches(of: /`([A-Za-z]+)`/) { names.insert(String(match.output.1)) }
        }
        return names
    }

    @Test func everyPublicTypeIsListedAndEveryListedTypeIsPublic() throws {
        let code = try Self.publicTypes(in: "Sources/Statute").union(Self.publicTypes(in: "Sources/StatuteCore"))
        let documented = try Self.documentedTypes()
        #expect(code.count >= 30, "found only \(code.count) public types")
        #expect(code.subtracting(documented).isEmpty,
                "public but not listed in docs/embedding.md: \(code.subtracting(documented).sorted())")
        #expect(documented.subtracting(code).isEmpty,
                "listed in docs/embedding.md but not public: \(documented.subtracting(code).sorted())")
    }

    @Test func theYAMLReaderIsNotPartOfTheAPI() throws {
        #expect(try Self.publicTypes(in: "Sources/StatuteYAML").isEmpty)
    }
}
