import Testing
@testable import Statute

/// An explanation that sees the record in several statuses says which status each line is about.
@Suite struct ExplanationStatusTests {
    @Test func aSettleThatTakesAStepHeadsEachStatusItConsidered() throws {
        // Completion moves the record In Progress → Active; from Active, `expire` is not due yet.
        // Before the step `expire` did not apply (In Progress); after it, it is not due:
        // each line must say which status it is about.
        let engine = try Engine.certification()
        let record = Record(status: "in_progress", facts: ["components.required": .int(1), "components.completed": .int(1),
                                                           "program.expires_after_months": .int(12)])
        let result = try engine.evaluate(record, request: .evaluate, today: day("2026-03-01"), explain: true)
        #expect(result.status == "active")
        let lines = ResultText(policy: Policies.certification).explain(try #require(result.explanation))
        let before = try #require(lines.firstIndex(of: "    from In Progress (in_progress):"), "\(lines)")
        let after = try #require(lines.firstIndex(of: "    from Active (active):"), "\(lines)")
        #expect(before < after)
        let notApplicable = try #require(lines[before..<after].first { $0.contains("not applicable from In Progress (in_progress)") })
        #expect(notApplicable.contains("expire"))
        #expect(lines[after...].contains { $0.contains("`expire`") && !$0.contains("not applicable") })
    }

    @Test func aSingleStatusExplanationNamesThatStatusForTransitionsThatDoNotApply() throws {
        let result = try Engine.certification().evaluate(Record(status: "applied"), request: .evaluate,
                                                         today: day("2026-03-01"), explain: true)
        let lines = ResultText(policy: Policies.certification).explain(try #require(result.explanation))
        #expect(!lines.contains { $0.hasPrefix("    from ") })
        #expect(lines.contains { $0.hasPrefix("    · not applicable from Applied (applied): ") })
    }
}
