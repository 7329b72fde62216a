import Foundation
import Statute

/// Makes decisions for the routes: reads a body against one policy version, asks the
/// engine, logs the decision and returns the answer. Knows nothing about HTTP beyond
/// ``ServiceError``.
///
/// Answers are written straight to bytes, once: the answer without its `decision_id` is
/// also the log entry's `result`.
struct Decider: Sendable {
    let log: DecisionLog?
    let metrics: ServiceMetrics
    let today: @Sendable () -> CalendarDate
    let ids = DecisionIDs()

    /// `POST /v1/policies/{name}/evaluate`: the `eval` JSON plus `decision_id` and `policy`,
    /// and a newline.
    func evaluate(_ body: [UInt8], entry: PolicyEntry, version: PolicyVersion) throws(ServiceError) -> [UInt8] {
        let started = ContinuousClock.now
        let read = try DecisionInputAdapter.read(body, options: false, policy: version.policy).get()
        let decision: Decision
        do {
            decision = try version.decisions.evaluate(read.input, today: today())
        } catch {
            throw .badRequest(error)
        }
        // The result object (the same bytes as the tree of `ResultJSON.members`), then `policy`.
        var result: [UInt8] = []
        result.reserveCapacity(512)
        ResultJSON.write(decision.result, id: nil, to: &result)
        result.removeLast()
        result.append(literal: #","policy":"#)
        result.append(contentsOf: version.policyJSON)
        result.append(UInt8(ascii: "}"))
        return try record(result, entry: entry, version: version, today: decision.today,
                          settings: read.input.settings.isEmpty ? nil : decision.settings, input: read.body, outcome: decision.result.outcome.rawValue, started: started)
    }

    /// `POST /v1/policies/{name}/options`: the manual transitions the role may request now.
    func options(_ body: [UInt8], entry: PolicyEntry, version: PolicyVersion) throws(ServiceError) -> [UInt8] {
        let started = ContinuousClock.now
        let read = try DecisionInputAdapter.read(body, options: true, policy: version.policy).get()
        let options: ManualOptions
        do {
            options = try version.decisions.options(read.input, today: today())
        } catch {
            throw .badRequest(error)
        }
        guard case .object(let members) = options.json else {
            var answer: [UInt8] = []
            options.json.write(to: &answer)
            answer.append(UInt8(ascii: "\n"))
            return answer
        }
        var result: [UInt8] = []
        JSONValue.object(members + [("policy", .object([("name", .string(entry.name)), ("digest", .string(version.digest))]))])
            .write(to: &result)
        return try record(result, entry: entry, version: version, today: options.today,
                          settings: read.input.settings.isEmpty ? nil : options.settings, input: read.body, outcome: "options", started: started)
    }

    /// The answers of one `run` request, with this version and the date of its query.
    func run(lines: RecordLines, entry: PolicyEntry, version: PolicyVersion) -> RunAnswers {
        RunAnswers(lines: lines, policyName: entry.name, policy: version.policyJSON,
                   settings: log == nil ? [] : version.settingsJSON,
                   log: log, metrics: metrics, ids: ids)
    }

    /// Logs the decision (before it is answered) and returns the answer: `result` with its
    /// `decision_id` first, and a newline. `settings`: those in force when the request
    /// overrode some; `nil` for the version's own, whose JSON is written once per version.
    private func record(_ result: [UInt8], entry: PolicyEntry, version: PolicyVersion, today: CalendarDate,
                        settings: [String: Value]?, input: JSONValue, outcome: String,
                        started: ContinuousClock.Instant) throws(ServiceError) -> [UInt8] {
        let id = ids.next()
        if let log {
            var line: [UInt8] = []
            line.reserveCapacity(result.count + 512)
            DecisionLog.writeLine(id: id, policy: version.policyJSON, today: today,
                                  settings: settings.map(DecisionLog.settingsJSON) ?? version.settingsJSON, input: input,
                                  result: result, to: &line)
            try log.append(lines: line)
        }
        metrics.decision(policy: entry.name, outcome: outcome, nanoseconds: Self.nanoseconds(since: started))
        var answer: [UInt8] = []
        answer.reserveCapacity(result.count + 64)
        answer.append(literal: #"{"decision_id":"#)
        JSONValue.string(id).write(to: &answer)
        answer.append(UInt8(ascii: ","))
        answer.append(contentsOf: result.dropFirst())
        answer.append(UInt8(ascii: "\n"))
        return answer
    }

    static func nanoseconds(since start: ContinuousClock.Instant) -> Int64 {
        nanoseconds(ContinuousClock.now - start)
    }

    static func nanoseconds(_ elapsed: Duration) -> Int64 {
        elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
    }
}
