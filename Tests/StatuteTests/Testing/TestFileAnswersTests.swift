import Foundation
import Testing
@testable import Statute

/// Test files give honest answers: a test with a mistake of its own is reported and not
/// counted, a test that expects nothing is an error, and a `next` failure shows only the
/// keys the test wrote.
@Suite struct TestFileAnswersTests {
    let today = day("2026-03-01")

    /// Writes `tests` (YAML for the `tests:` list) next to a copy of the default policy.
    func testFile(_ tests: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-answers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try String(contentsOfFile: Policies.certificationPath, encoding: .utf8)
            .write(to: folder.appendingPathComponent("certification.yaml"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("answers.test.yaml").path
        try ("policy: certification.yaml\ntoday: 2026-03-01\ntests:\n" + tests).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aTestWithAnUnknownExpectKeyIsAnErrorAndNotCountedAsPassed() throws {
        let path = try testFile("""
              - name: Applying starts the certification
                event: apply
                expect: {status: in_progress, effect: [nothing]}
              - name: Applying is a change
                event: apply
                expect: {outcome: changed}

            """)
        let result = PolicyTestRunner.run(path: path, defaultToday: today)
        #expect(result.diagnostics.contains { $0.code == .unknownKey && $0.message.contains("`effect`") })
        #expect(result.cases.map(\.name) == ["Applying is a change"])
        #expect(!result.passed)
        let text = TestReportText.render([result], coverage: nil) { _ in "" }
        #expect(!text.contains("✔ Applying starts the certification"))
        #expect(text.contains("1 passed, 0 failed"))
        #expect(text.contains("has errors"))
    }

    @Test(arguments: ["", "    expect: {}\n", "    expect:\n"])
    func aTestThatExpectsNothingIsAnError(expect: String) throws {
        let path = try testFile("  - name: Applying does something\n    event: apply\n" + expect)
        let result = PolicyTestRunner.run(path: path, defaultToday: today)
        let diagnostic = try #require(result.diagnostics.first { $0.code == .missingKey })
        #expect(diagnostic.message.contains("test `Applying does something`"))
        // At `expect` when it is there (line 6), else at the test's name (line 4).
        #expect(diagnostic.span?.start.line == (expect.isEmpty ? 4 : 6))
        #expect(result.cases.isEmpty)
        #expect(!result.passed)
    }

    @Test func aNextFailureShowsOnlyTheKeysTheTestWrote() throws {
        let path = try testFile("""
              - name: An Active certification expires on its expiration date
                status: active
                facts: {expires_on: 2026-06-30}
                expect:
                  next: {date: 2026-07-01}

            """)
        let result = PolicyTestRunner.run(path: path, defaultToday: today)
        let failure = try #require(result.cases.first?.failures.first)
        #expect(failure.field == "next")
        #expect(failure.expected == "{date: 2026-07-01}")
        #expect(failure.actual == "{date: 2026-06-30}")
    }

    @Test func aNextExpectedButNoneScheduledShowsNull() throws {
        let path = try testFile("""
              - name: An Active certification without expiry has nothing scheduled
                status: active
                expect:
                  next: {to: expired}

            """)
        let failure = try #require(PolicyTestRunner.run(path: path, defaultToday: today).cases.first?.failures.first)
        #expect(failure.expected == "{to: expired}")
        #expect(failure.actual == "null")
    }

    @Test func aFailureWhoseRecordMovedThroughSeveralStatusesSaysWhichEachReasonIsAbout() throws {
        let path = try testFile("""
              - name: Completing every component keeps the record In Progress (wrong on purpose)
                status: in_progress
                facts: {components.required: 1, components.completed: 1, program.expires_after_months: 12}
                expect: {status: in_progress}

            """)
        let result = PolicyTestRunner.run(path: path, defaultToday: today)
        let text = TestReportText.render([result], coverage: nil) { _ in "" }
        #expect(text.contains("        - (from in_progress) "))
        #expect(text.contains("        - (from active) `expire`"))
    }
}
