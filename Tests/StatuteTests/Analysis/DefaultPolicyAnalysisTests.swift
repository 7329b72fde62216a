import Foundation
import Testing
@testable import Statute
@testable import StatuteCore

@Suite struct DefaultPolicyAnalysisTests {
    @Test func theDefaultPolicyHasNoUnacknowledgedWarnings() {
        let loaded = PolicyLoader.load(contentsOf: Policies.certificationPath)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test func theDefaultPolicyAcknowledgesThatExpiringIsOptIn() throws {
        let analysis = PolicyAnalyzer.analyze(Policies.certification)
        #expect(analysis.warnings.isEmpty)
        #expect(analysis.errors.isEmpty)
        let expiring = try #require(analysis.acknowledged.first { $0.diagnostic.code == .settingDisablesTransition })
        #expect(expiring.diagnostic.message
            == "transition `expiring` never fires while `settings.expiring_notice_days` keeps its default 0")
        #expect(expiring.diagnostic.help?.hasPrefix("set `expiring_notice_days` above 0 to enable it") == true)
        #expect(expiring.reason.hasPrefix("Expiring is opt-in"))
    }

    @Test func withoutTheAcknowledgementTheWarningIsReported() throws {
        let text = try String(contentsOfFile: Policies.certificationPath, encoding: .utf8)
        var kept: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == "acknowledge:" { skipping = true; continue }
            if skipping, line.hasPrefix("      ") { continue }
            skipping = false
            kept.append(line)
        }
        let loaded = PolicyLoader.load(text: kept.joined(separator: "\n"), file: "certification.yaml")
        let codes = loaded.diagnostics.map(\.code)
        #expect(codes.contains(.settingDisablesTransition))
        #expect(!loaded.diagnostics.hasErrors)
    }

    @Test func warningsForIsTheReportedPartOfAnalyze() throws {
        let policy = try Policies.compile("""
            statute: 1
            name: t
            statuses: {a: {label: A}, b: {label: B}}
            transitions:
              - {id: go, from: start, to: a, mode: automatic, when: "true"}
            """)
        let codes = PolicyAnalyzer.warnings(for: policy).map(\.code)
        // `a` is a dead end; `b` is unreachable and a dead end too.
        #expect(codes == [.deadEndStatus, .unreachableStatus, .deadEndStatus])
    }
}

@Suite struct ExclusivityTests {
    static func syntax(_ text: String) throws -> ExpressionSyntax {
        let (parsed, diagnostics) = ExpressionParser.parse(EmbeddedText(text: text, file: "t", start: .init(line: 1, column: 1)),
                                                           limits: ExpressionLimits())
        #expect(diagnostics.isEmpty)
        return try #require(parsed)
    }

    @Test(arguments: [
        ("x", "!x", true), ("x", "x == false", true), ("a == 1", "a == 2", true), ("a == 1", "a != 1", true),
        ("a > 100", "a <= 100", true), ("a > 1", "a < 3", false), ("a >= 3", "2 >= a", true),
        ("a in ['x', 'y']", "a == 'z'", true), ("a in ['x', 'y']", "a == 'y'", false),
        ("x", "y", false), ("a == 1", "b == 2", false), ("!(x && y)", "x && y", true),
        ("a > 1", "a == null", true), ("a != 1", "a != 2", false),
    ])
    func complementaryConditions(_ lhs: String, _ rhs: String, _ exclusive: Bool) throws {
        #expect(Exclusivity.complementary(try Self.syntax(lhs), try Self.syntax(rhs)) == exclusive)
        #expect(Exclusivity.complementary(try Self.syntax(rhs), try Self.syntax(lhs)) == exclusive)
    }
}
