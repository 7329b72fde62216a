import Statute

/// The inputs every benchmark shares: the default policy, an engine with
/// `expiring_notice_days` at 30, a fixed expression context, and a mix of records.
public struct Fixture: Sendable {
    public struct SetupError: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    public let policyPath: String
    public let policy: CompiledPolicy
    public let engine: Engine
    public let today: CalendarDate
    /// Records and requests: plain evaluations, events and manual requests.
    public let mix: [(Record, Request)]
    /// The mix prepared by the engine (status and facts resolved to slots).
    public let preparedMix: [(PreparedRecord, Request)]
    /// The mix as typed input of the hand-written policy.
    public let handWrittenMix: [(HandWrittenCertification.Input, HandWrittenCertification.Action)]
    /// `expiring_notice_days` as the engine has it.
    public let noticeDays = 30

    /// `policies/certification.yaml` of the repository this package sits in.
    public static let defaultPolicyPath: String = {
        // #filePath is …/Benchmarks/Sources/BenchmarkSupport/Fixture.swift.
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return (parts + ["policies", "certification.yaml"]).joined(separator: "/")
    }()

    public static func load(policyPath: String = defaultPolicyPath) throws -> Fixture {
        let loaded = PolicyLoader.load(contentsOf: policyPath)
        guard let policy = loaded.policy else {
            throw SetupError(description: "\(policyPath) did not compile: \(loaded.diagnostics.map(\.message))")
        }
        let engine = try Engine(policy: policy, settings: ["expiring_notice_days": .int(30)])
        guard let today = CalendarDate(iso: "2026-02-20"), let completed = CalendarDate(iso: "2025-01-31") else {
            throw SetupError(description: "bad fixture dates")
        }
        let mix = mix(completed: completed)
        var prepared: [(PreparedRecord, Request)] = []
        var handWritten: [(HandWrittenCertification.Input, HandWrittenCertification.Action)] = []
        for (record, request) in mix {
            prepared.append((try engine.prepare(record), request))
            guard let input = HandWrittenCertification.input(record),
                  let action = HandWrittenCertification.action(request) else {
                throw SetupError(description: "the hand-written policy cannot read \(record) \(request)")
            }
            handWritten.append((input, action))
        }
        return Fixture(policyPath: policyPath, policy: policy, engine: engine, today: today,
                       mix: mix, preparedMix: prepared, handWrittenMix: handWritten)
    }

    private static func mix(completed: CalendarDate) -> [(Record, Request)] {
        let expiringSoon: [String: Value] = ["completed_on": .date(completed), "program.expires_after_months": .int(13)]
        let done: [String: Value] = ["components.required": .int(4), "components.completed": .int(4),
                                     "program.expires_after_months": .int(24)]
        return [
            // Plain evaluations.
            (Record(status: "active", facts: expiringSoon), .evaluate),                    // → expiring
            (Record(status: "in_progress", facts: done), .evaluate),                       // → active, set completed_on
            (Record(status: "in_progress", facts: ["components.required": .int(4),
                                                   "components.completed": .int(1)]), .evaluate),  // unchanged
            (Record(status: "expiring", facts: ["expires_on": .date(completed)]), .evaluate),    // → expired
            // Events.
            (Record(facts: ["program.require_approval": .bool(true)]), .event("apply")),  // → applied
            (Record(status: "active", facts: expiringSoon), .event("apply")),             // ignored, then settles
            // Manual requests.
            (Record(status: "applied"), .manual(status: "in_progress", role: "staff")),   // approved
            (Record(status: "admin_review", facts: done), .manual(status: "active", role: "staff")),  // rejected: role
        ]
    }
}
