import Foundation
import Testing
@testable import Statute

/// `Engine.prepare(_:)` and `evaluate(_: PreparedRecord, …)`: the same results as
/// evaluating the record, with the record's problems reported when it is prepared.
@Suite struct PreparedRecordTests {
    static let completed = day("2025-01-31")
    static let cases: [(Record, Request)] = [
        (Record(status: "active", facts: ["completed_on": .date(completed), "program.expires_after_months": .int(13)]),
         .evaluate),
        (Record(status: "in_progress", facts: ["components.required": .int(4), "components.completed": .int(4)]),
         .evaluate),
        (Record(status: "expiring", facts: ["expires_on": .date(completed)]), .evaluate),
        (Record(facts: ["program.require_approval": .bool(true)]), .event("apply")),
        (Record(status: "active", facts: ["program.expires_after_months": .int(13)]), .event("apply")),
        (Record(status: "applied"), .manual(status: "in_progress", role: "staff")),
        (Record(status: "admin_review"), .manual(status: "active", role: "staff")),
        (Record(status: "admin_review"), .manual(status: "active", role: "admin")),
        (Record(status: "declined"), .manual(status: "active", role: "admin")),
    ]

    @Test(arguments: [false, true])
    func aPreparedRecordGivesTheSameResultAsTheRecord(explain: Bool) throws {
        let engine = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
        for (record, request) in Self.cases {
            let direct = try engine.evaluate(record, request: request, today: day("2026-02-20"), explain: explain)
            let prepared = try engine.evaluate(engine.prepare(record), request: request, today: day("2026-02-20"),
                                               explain: explain)
            #expect(prepared == direct, "\(record) \(request)")
        }
    }

    @Test func aPreparedRecordCanBeEvaluatedOnSeveralDates() throws {
        let engine = try Engine.certification()
        let prepared = try engine.prepare(Record(status: "active", facts: [
            "completed_on": .date(Self.completed), "program.expires_after_months": .int(12)]))
        #expect(try engine.evaluate(prepared, today: day("2026-01-30")).status == "active")
        #expect(try engine.evaluate(prepared, today: day("2026-01-31")).status == "expired")
    }

    @Test func preparingReportsTheRecordsProblems() throws {
        let engine = try Engine.certification()
        #expect(throws: Diagnostic.self) { try engine.prepare(Record(status: "actve")) }
        let unknown = #expect(throws: Diagnostic.self) { try engine.prepare(Record(facts: ["completed": .int(1)])) }
        #expect(unknown?.code == .unknownFact)
        let wrong = #expect(throws: Diagnostic.self) { try engine.prepare(Record(facts: ["completed_on": .int(1)])) }
        #expect(wrong?.code == .wrongType)
    }

    @Test func aRecordPreparedForAnotherPolicyIsAnErrorNotACrash() throws {
        let certification = try Engine.certification()
        let other = try Engine(policy: Policies.compile(EngineRulesTests.membership))
        let prepared = try certification.prepare(Record(status: "cancelled"))
        #expect(throws: Diagnostic.self) { try other.evaluate(prepared, today: day("2026-02-20")) }
    }
}
