import Foundation
import Testing
import StatuteTestSupport
@testable import Statute

/// Every analysis code has a fixture that triggers it (`<code>-fires.yaml`) and one that
/// shows it silent (`<code>-silent.yaml`); the diagnostics of each are golden
/// (`.expected`: `Diagnostic.description` lines, each followed by its help).
@Suite struct AnalysisFixtureTests {
    static let cases = Fixtures.names(in: "analysis")

    static let codes: [DiagnosticCode] = PolicyAnalyzer.acknowledgeableCodes + [.unusedAcknowledgement, .unknownWarningCode]

    static func load(_ name: String) throws -> LoadedPolicy {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.url("analysis", name + ".yaml")))
        return PolicyLoader.load(bytes: bytes, file: name + ".yaml")
    }

    static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { d in d.description + (d.help.map { "\n    help: \($0)" } ?? "") }
            .joined(separator: "\n") + "\n"
    }

    @Test func everyCodeHasAFiringAndASilentFixture() {
        for code in Self.codes {
            #expect(Self.cases.contains("\(code.rawValue)-fires"), "no fixture triggers `\(code.rawValue)`")
            #expect(Self.cases.contains("\(code.rawValue)-silent"), "no fixture shows `\(code.rawValue)` silent")
        }
    }

    @Test(arguments: cases)
    func fixtureReportsItsCodeOrNot(_ name: String) throws {
        let loaded = try Self.load(name)
        let code = String(name.prefix(upTo: name.lastIndex(of: "-") ?? name.endIndex))
        let codes = loaded.diagnostics.map(\.code.rawValue)
        if name.hasSuffix("-fires") {
            #expect(codes.contains(code), "\(name) should report `\(code)`")
        } else {
            #expect(!codes.contains(code), "\(name) should not report `\(code)`")
            #expect(!loaded.diagnostics.hasErrors)
        }
        for diagnostic in loaded.diagnostics {
            #expect(diagnostic.span != nil, "every analysis diagnostic has a position: \(diagnostic)")
            #expect(diagnostic.message.first?.isUppercase != true && diagnostic.message.last != ".",
                    "rustc voice: \(diagnostic.message)")
        }
        GoldenFile.expect(Self.render(loaded.diagnostics), matches: Fixtures.url("analysis", name + ".expected"))
    }
}
