import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Statute

/// The policy test runner on the default policy, on deliberately broken copies of it,
/// and its reporters.
@Suite struct PolicyTestRunnerTests {
    static let policyText = try! String(contentsOfFile: Policies.certificationPath, encoding: .utf8)
    static let testsPath = Fixtures.repositoryRoot.appendingPathComponent("policies/certification.test.yaml").path
    let today = day("2026-11-29")

    /// Writes a copy of the default policy and its tests into a fresh folder, with `mutate` applied to the policy.
    func mutatedCopy(_ mutate: (String) -> String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-mutation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mutated = mutate(Self.policyText)
        #expect(mutated != Self.policyText, "the mutation must change the policy")
        try mutated.write(to: folder.appendingPathComponent("certification.yaml"), atomically: true, encoding: .utf8)
        let tests = try String(contentsOfFile: Self.testsPath, encoding: .utf8)
        let testsPath = folder.appendingPathComponent("certification.test.yaml").path
        try tests.write(toFile: testsPath, atomically: true, encoding: .utf8)
        return testsPath
    }

    @Test func theDefaultPolicysTestsPassWithFullCoverage() throws {
        let result = PolicyTestRunner.run(path: Self.testsPath, defaultToday: today)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.cases.count >= 40)
        #expect(result.passed, "\(result.cases.filter { !$0.passed }.map(\.name))")
        let coverage = try #require(CoverageAnalysis.coverage(of: [result]).first)
        #expect(coverage.percent == 100)
        #expect(coverage.untaken.isEmpty)
        #expect(coverage.guardsNotBothWays.isEmpty)
    }

    @Test func anInvertedGuardFailsWithAReadableDiff() throws {
        let path = try mutatedCopy {
            $0.replacingOccurrences(of: "guard: program.require_approval\n", with: "guard: \"!program.require_approval\"\n")
        }
        let result = PolicyTestRunner.run(path: path, defaultToday: today)
        let failed = result.cases.filter { !$0.passed }
        #expect(failed.contains { $0.name == "Applying to a program that requires approval leaves the contact Applied" })
        let text = TestReportText.render([result], coverage: nil) { _ in "" }
        #expect(text.contains("expected: applied"))
        #expect(text.contains("actual:   null"))
        #expect(text.contains("\(result.cases.count - failed.count) passed, \(failed.count) failed"))
    }

    @Test func anExpirationDateOffByADayFails() throws {
        let path = try mutatedCopy { $0.replacingOccurrences(of: "at: expiration\n", with: "at: expiration + days(1)\n") }
        let result = PolicyTestRunner.run(path: path, defaultToday: today)
        let failed = try #require(result.cases.first { $0.name == "An Active certification expires on its expiration date" })
        #expect(failed.failures.contains(TestFailure(field: "status", expected: "expired", actual: "active")))
        let text = TestReportText.render([result], coverage: nil) { _ in "" }
        #expect(text.contains("✘ An Active certification expires on its expiration date"))
        #expect(text.contains("why:"))
    }

    @Test func aWrongFromFails() throws {
        let path = try mutatedCopy {
            $0.replacingOccurrences(of: "from: applied\n    to: declined", with: "from: in_progress\n    to: declined")
        }
        let result = PolicyTestRunner.run(path: path, defaultToday: today)
        let names = result.cases.filter { !$0.passed }.map(\.name)
        #expect(names.contains("Staff decline an application, which is final"))
        #expect(names.contains("Declining from a status other than Applied is rejected"))
    }

    @Test func unknownNamesInATestFileAreCheckErrorsAtTheirLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("bad.test.yaml").path
        try FileManager.default.copyItem(atPath: Policies.certificationPath,
                                         toPath: folder.appendingPathComponent("certification.yaml").path)
        try """
        policy: certification.yaml
        today: 2026-03-01
        tests:
          - name: typos
            status: actve
            facts: {program.require_aproval: true, completed_on: 2026-02-30}
            event: aply
            expect: {steps: [expir], effects: [issue_certficate], outcome: chnged, colour: red}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let diagnostics = PolicyTestRunner.check(path: file)
        let codes = diagnostics.map { "\($0.span?.start.line ?? 0):\($0.code)" }
        #expect(codes.contains("5:unknown-status"))
        #expect(codes.contains("6:unknown-fact"))
        #expect(codes.contains("6:invalid-date"))
        #expect(codes.contains("7:unknown-event"))
        #expect(codes.contains("8:unknown-transition"))
        #expect(codes.contains("8:unknown-effect"))
        #expect(codes.contains("8:invalid-value"))
        #expect(codes.contains("8:unknown-key"))
        #expect(diagnostics.first { $0.code == .unknownFact }?.help == "did you mean `program.require_approval`?")
    }

    @Test func junitOutputHasTheCommonSchemaShape() throws {
        let path = try mutatedCopy { $0.replacingOccurrences(of: "at: expiration\n", with: "at: expiration + days(1)\n") }
        let result = PolicyTestRunner.run(path: path, defaultToday: today)
        let xml = TestReportJUnit.render([result])
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 1)
        let suite = try #require(suites.first)
        let cases = suite.elements(forName: "testcase")
        #expect(cases.count == result.cases.count)
        #expect(suite.attribute(forName: "tests")?.stringValue == String(result.cases.count))
        let failures = cases.flatMap { $0.elements(forName: "failure") }
        #expect(failures.count == result.failedCount)
        #expect(suite.attribute(forName: "failures")?.stringValue == String(result.failedCount))
        #expect(cases.allSatisfy { $0.attribute(forName: "name") != nil && $0.attribute(forName: "classname") != nil })
        #expect(failures.allSatisfy { $0.attribute(forName: "message") != nil })
    }

    @Test func jsonReportCountsPassesAndFailures() throws {
        let result = PolicyTestRunner.run(path: Self.testsPath, defaultToday: today)
        let json = TestReportJSON.render([result], coverage: CoverageAnalysis.coverage(of: [result])).rendered()
        #expect(json.contains("\"passed\":\(result.cases.count)"))
        #expect(json.contains("\"failed\":0"))
        #expect(json.contains("\"percent\":\"100.0%\""))
    }
}
