import Testing
@testable import Statute

/// Timelines of the default policy, with dates worked out by hand from docs/policy-language.md and the status reference.
@Suite("Timeline")
struct TimelineTests {
    static func active(_ facts: [String: Value]) -> Record {
        Record(status: "active", facts: facts)
    }

    static func summary(_ trajectory: Trajectory) -> [String] {
        trajectory.entries.map { "\($0.date) \($0.transition) \($0.from ?? "-")→\($0.to)" }
    }

    @Test func monthEndIsClampedAcrossTheWindow() throws {
        // 2025-01-31 + 13 months = 2026-02-28 (February has no 31st); 30 days before is 2026-01-29.
        let engine = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
        let record = Self.active(["completed_on": .date(day("2025-01-31")), "program.expires_after_months": .int(13)])
        let trajectory = try Timeline.play(record, engine: engine, from: day("2026-01-01"), until: day("2026-03-31"))
        #expect(Self.summary(trajectory) == ["2026-01-29 expiring active→expiring", "2026-02-28 expire expiring→expired"])
        #expect(trajectory.entries[0].effects == ["certification_expiring_email"])
        #expect(trajectory.entries[1].effects.isEmpty)
        #expect(trajectory.finalStatus == "expired")
    }

    @Test func leapDayPlusAYearIsTheLastOfFebruary() throws {
        // 2024-02-29 + 12 months = 2025-02-28.
        let engine = try Engine.certification()
        let record = Self.active(["completed_on": .date(day("2024-02-29")), "program.expires_after_months": .int(12)])
        let trajectory = try Timeline.play(record, engine: engine, from: day("2025-01-01"), until: day("2025-12-31"))
        #expect(Self.summary(trajectory) == ["2025-02-28 expire active→expired"])
    }

    @Test func aRecordExpiredBeforeTheWindowExpiresOnTheFirstDayWithoutAnEmail() throws {
        // Expiration 2026-02-28; the window opens on 2026-03-15: `expire` comes first in file order.
        let engine = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
        let record = Self.active(["completed_on": .date(day("2025-01-31")), "program.expires_after_months": .int(13)])
        let trajectory = try Timeline.play(record, engine: engine, from: day("2026-03-15"), until: day("2027-03-15"))
        #expect(Self.summary(trajectory) == ["2026-03-15 expire active→expired"])
        #expect(trajectory.entries.allSatisfy { $0.effects.isEmpty })
    }

    @Test func setValuesAreCarriedForward() throws {
        // Completed on the first day (completed_on set to 2026-03-01), so it expires 3 months later.
        let engine = try Engine.certification()
        let record = Record(status: "in_progress", facts: ["program.expires_after_months": .int(3),
                                                           "components.required": .int(2), "components.completed": .int(2)])
        let trajectory = try Timeline.play(record, engine: engine, from: day("2026-03-01"), until: day("2027-03-01"))
        #expect(Self.summary(trajectory) == ["2026-03-01 complete in_progress→active", "2026-06-01 expire active→expired"])
        #expect(trajectory.entries[0].set == [Assignment(fact: "completed_on", value: .date(day("2026-03-01")))])
        #expect(trajectory.finalFacts["completed_on"] == .date(day("2026-03-01")))
    }

    @Test func aChangeDueAfterTheLastDayIsLeftOut() throws {
        let engine = try Engine.certification()
        let record = Self.active(["completed_on": .date(day("2025-06-30")), "program.expires_after_months": .int(12)])
        let trajectory = try Timeline.play(record, engine: engine, from: day("2026-01-01"), until: day("2026-06-29"))
        #expect(trajectory.entries.isEmpty)
        #expect(trajectory.finalStatus == "active")
        let later = try Timeline.play(record, engine: engine, from: day("2026-01-01"), until: day("2026-06-30"))
        #expect(Self.summary(later) == ["2026-06-30 expire active→expired"])
    }

    @Test func aRefusedRequestOnTheFirstDayStillLetsTimeMoveTheRecord() throws {
        // Nothing leads from Active to Declined, so the request is refused; the record still expires.
        let engine = try Engine.certification()
        let record = Self.active(["completed_on": .date(day("2025-04-15")), "program.expires_after_months": .int(12)])
        let trajectory = try Timeline.play(record, request: .manual(status: "declined", role: "staff"), engine: engine,
                                           from: day("2026-03-01"), until: day("2026-12-31"))
        #expect(trajectory.firstOutcome == .rejected)
        #expect(Self.summary(trajectory) == ["2026-04-15 expire active→expired"])
    }

    @Test func timelineJSONHasTheSpecShape() throws {
        let entry = TimelineEntry(date: day("2026-03-01"), transition: "complete", from: "in_progress", to: "active",
                                  effects: ["issue_certificate"], set: [Assignment(fact: "completed_on", value: .date(day("2026-03-01")))])
        #expect(TimelineJSON.json(entry).rendered() ==
            #"{"date":"2026-03-01","transition":"complete","from":"in_progress","to":"active","effects":["issue_certificate"],"set":{"completed_on":"2026-03-01"}}"#)
    }
}
