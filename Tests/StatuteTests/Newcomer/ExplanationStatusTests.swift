import Testing
@testable import Statute

/// An explanation that sees the record in several statuses says which status each line is about.
@Suite struct ExplanationStatusTests {
    @Test func aSettleThatTakesAStepHeadsEachStatusItConsidered() throws {
        let engine = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
        let result = try engine.evaluate(Record(status: "active", facts: ["expires_on": .date(day("2026-02-01"))]),
                                         request: .evaluate, today: day("2026-03-01"), explain: true)
        #expect(result.status == "expired")
        let lines = ResultText(policy: Policies.certification).explain(try #require(result.explanation))
        let active = try #require(lines.firstIndex(of: "    from Active (active):"))
        let expired = try #require(lines.firstIndex(of: "    from Expired (expired):"))
        #expect(active < expired)
        // Every line about `expiring` sits under a status heading, and the second names Expired.
        let mentions = lines.indices.filter { lines[$0].contains("expiring") && !lines[$0].hasPrefix("    from") }
        #expect(mentions.count >= 2)
        #expect(mentions.contains { $0 > active && $0 < expired })
        #expect(lines[(expired + 1)...].contains { $0.hasPrefix("      · not applicable from Expired (expired):") && $0.contains("expiring") })
    }

    @Test func aSingleStatusExplanationNamesThatStatusForTransitionsThatDoNotApply() throws {
        let result = try Engine.certification().evaluate(Record(status: "applied"), request: .evaluate,
                                                         today: day("2026-03-01"), explain: true)
        let lines = ResultText(policy: Policies.certification).explain(try #require(result.explanation))
        #expect(!lines.contains { $0.hasPrefix("    from ") })
        #expect(lines.contains { $0.hasPrefix("    · not applicable from Applied (applied): ") })
    }
}
