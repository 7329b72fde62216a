import Foundation
import Statute

/// Makes decisions for the routes: reads a body against one policy version, asks the
/// engine, logs the decision and returns the answer. Knows nothing about HTTP beyond
/// ``ServiceError``.
struct Decider: Sendable {
    let log: DecisionLog?
    let metrics: ServiceMetrics
    let today: @Sendable () -> CalendarDate

    /// `POST /v1/policies/{name}/evaluate`: the `eval` JSON plus `decision_id` and `policy`.
    func evaluate(_ body: [UInt8], entry: PolicyEntry, version: PolicyVersion) throws(ServiceError) -> JSONValue {
        let started = ContinuousClock.now
        let read = try DecisionInputAdapter.read(body, options: false, policy: version.policy).get()
        let decision: Decision
        do {
            decision = try version.decisions.evaluate(read.input, today: today())
        } catch {
            throw .badRequest(error)
        }
        let answer = JSONValue.object(ResultJSON.members(decision.result) + [("policy", policyJSON(entry, version))])
        return try record(answer, entry: entry, version: version, today: decision.today, settings: decision.settings,
                          input: read.body, outcome: decision.result.outcome.rawValue, started: started)
    }

    /// `POST /v1/policies/{name}/options`: the manual transitions the role may request now.
    func options(_ body: [UInt8], entry: PolicyEntry, version: PolicyVersion) throws(ServiceError) -> JSONValue {
        let started = ContinuousClock.now
        let read = try DecisionInputAdapter.read(body, options: true, policy: version.policy).get()
        let options: ManualOptions
        do {
            options = try version.decisions.options(read.input, today: today())
        } catch {
            throw .badRequest(error)
        }
        guard case .object(let members) = options.json else { return options.json }
        let answer = JSONValue.object(members + [("policy", policyJSON(entry, version))])
        return try record(answer, entry: entry, version: version, today: options.today, settings: options.settings,
                          input: read.body, outcome: "options", started: started)
    }

    /// One line of `POST /v1/policies/{name}/run`: the `run` output line, logged.
    func runLine(_ line: LineSplitter.Line, lines: RecordLines, entry: PolicyEntry,
                 version: PolicyVersion) throws(ServiceError) -> JSONValue {
        let started = ContinuousClock.now
        let output = lines.evaluate(line)
        let input: JSONValue
        if case .text(let bytes, _) = line { input = DecisionInputAdapter.json(bytes) } else { input = .null }
        let outcome: String
        switch output.kind {
        case .evaluated(let value): outcome = value.rawValue
        case .error: outcome = "error"
        }
        let id = UUID().uuidString.lowercased()
        try log?.append(DecisionLog.entry(id: id, policy: policyJSON(entry, version), today: lines.today,
                                          settings: version.settings, input: input, result: output.json))
        metrics.decision(policy: entry.name, outcome: outcome, nanoseconds: Self.nanoseconds(since: started))
        return output.json
    }

    /// `{"name", "digest"}` of the version answering.
    func policyJSON(_ entry: PolicyEntry, _ version: PolicyVersion) -> JSONValue {
        .object([("name", .string(entry.name)), ("digest", .string(version.digest))])
    }

    /// Logs the decision (before it is answered) and returns the answer with its `decision_id` first.
    private func record(_ answer: JSONValue, entry: PolicyEntry, version: PolicyVersion, today: CalendarDate,
                        settings: [String: Value], input: JSONValue, outcome: String,
                        started: ContinuousClock.Instant) throws(ServiceError) -> JSONValue {
        let id = UUID().uuidString.lowercased()
        try log?.append(DecisionLog.entry(id: id, policy: policyJSON(entry, version), today: today,
                                          settings: settings, input: input, result: answer))
        metrics.decision(policy: entry.name, outcome: outcome, nanoseconds: Self.nanoseconds(since: started))
        guard case .object(let members) = answer else { return answer }
        return .object([("decision_id", .string(id))] + members)
    }

    static func nanoseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
    }
}

extension PolicyVersion {
    /// The library's decision maker for this version: its engine and the server's settings.
    var decisions: DecisionMaker { DecisionMaker(engine: engine, settings: settings) }
}
