import Testing
@testable import Statute

/// One engine shared by many tasks (as `run --jobs` and the service share it) gives every
/// task the answer a lone caller gets. Run under ThreadSanitizer by `make sanitize` and CI.
@Suite struct EngineConcurrencyTests {
    static let records: [(Record, Request)] = [
        (Record(status: nil, facts: ["program.require_approval": .bool(true)]), .event("apply")),
        (Record(status: "in_progress", facts: ["components.required": .int(3), "components.completed": .int(3)]), .evaluate),
        (Record(status: "active", facts: ["completed_on": .date(day("2025-01-31")), "program.expires_after_months": .int(13)]),
         .evaluate),
        (Record(status: "applied"), .manual(status: "declined", role: "staff", transition: nil)),
        (Record(status: "cancelled"), .manual(status: "in_progress", role: "staff", transition: nil)),
    ]

    @Test func aSharedEngineAnswersEveryTaskAsItAnswersOne() async throws {
        let engine = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
        let today = day("2026-02-20")
        let expected = try Self.records.map { try engine.evaluate($0.0, request: $0.1, today: today, explain: true) }
        let answers = try await withThrowingTaskGroup(of: (Int, EvaluationResult).self) { group in
            for round in 0..<200 {
                let index = round % Self.records.count
                let (record, request) = Self.records[index]
                group.addTask { (index, try engine.evaluate(record, request: request, today: today, explain: true)) }
            }
            var answers: [(Int, EvaluationResult)] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
        #expect(answers.count == 200)
        for (index, result) in answers { #expect(result == expected[index]) }
    }

    @Test func policiesLoadInParallelToTheSameResult() async throws {
        let text = HostilePolicyTests.policyText
        let one = PolicyLoader.load(text: text).diagnostics
        let all = await withTaskGroup(of: [Diagnostic].self) { group in
            for _ in 0..<8 { group.addTask { PolicyLoader.load(text: text).diagnostics } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(all.allSatisfy { $0 == one })
    }
}
