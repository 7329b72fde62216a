public import Statute

/// Who asked for a change and why: recorded on every history entry it makes.
public struct ChangeContext: Hashable, Sendable {
    /// `system` for the sweep and imports; the request's `actor` for `apply`.
    public var actor: String
    /// The reason given with the request.
    public var reason: String?
    /// The wall-clock time, RFC 3339 in UTC.
    public var at: String
    /// The date the record is evaluated at.
    public var today: CalendarDate

    /// Creates a context.
    public init(actor: String, reason: String? = nil, at: String, today: CalendarDate) {
        self.actor = actor
        self.reason = reason
        self.at = at
        self.today = today
    }
}

/// Turns an evaluation into the change a store writes: the record's new row, one history
/// entry per step and one outbox entry per effect.
enum ChangeBuilder {
    /// - Parameters:
    ///   - previous: the stored record, or `nil` for a new one.
    ///   - id: the record's id.
    ///   - evaluation: the evaluation to apply (not rejected or ignored).
    ///   - bumpVersion: whether the change counts as one even without steps (an `apply`
    ///     that changed facts does; a sweep that only moved `next_due` does not).
    static func change(previous: StoredRecord?, id: String, evaluation: LedgerEvaluation, policy: LedgerPolicy,
                       context: ChangeContext, bumpVersion: Bool) -> RecordChange {
        let result = evaluation.result
        var facts = evaluation.input.record.facts.mapValues { JSONValue($0) }
        for assignment in result.assignments { facts[assignment.fact] = JSONValue(assignment.value) }
        let factsText = FactsJSON.text(facts)
        let lastSeq = previous?.lastSeq ?? 0
        let version: Int
        if let previous {
            version = previous.version + (bumpVersion || !result.steps.isEmpty ? 1 : 0)
        } else {
            version = 1
        }
        let record = StoredRecord(id: id, policy: policy.name, status: result.status, facts: factsText, version: version,
                                  nextDue: result.next?.date, digest: policy.digest, lastSeq: lastSeq + result.steps.count)
        let role: String? = if case .manual(_, let role, _) = evaluation.input.request { role } else { nil }
        let payload = JSONValue.object([
            ("id", .string(id)),
            ("status", .text(result.status)),
            ("facts", FactsJSON.object(facts)),
            ("set", .object(result.assignments.map { ($0.fact, JSONValue($0.value)) })),
        ]).rendered()

        var history: [HistoryEntry] = []
        var outbox: [OutboxEntry] = []
        for (index, applied) in evaluation.decision.appliedSteps.enumerated() {
            let seq = lastSeq + index + 1
            let step = applied.step
            let set = JSONValue.object(applied.assignments.map { ($0.fact, JSONValue($0.value)) })
            let trigger: JSONValue
            switch step.trigger {
            case .event:
                if case .event(let name) = evaluation.input.request { trigger = .object([("event", .string(name))]) } else {
                    trigger = .object([("event", .null)])
                }
            case .when: trigger = .object([("when", .bool(true))])
            case .at: trigger = .object([("at", .string((applied.due ?? context.today).description))])
            case .manual: trigger = .object([("manual", .bool(true))])
            }
            history.append(HistoryEntry(seq: seq, at: context.at, today: context.today, from: step.from, to: step.to,
                                        transition: step.transition, trigger: trigger.rendered(), actor: context.actor,
                                        role: step.trigger == .manual ? role : nil, reason: context.reason,
                                        effects: applied.effects, set: set.rendered(), policyName: policy.name,
                                        policyDigest: policy.fileDigest))
            for (effectIndex, effect) in applied.effects.enumerated() {
                outbox.append(OutboxEntry(key: LedgerPolicy.outboxKey(policy: policy.name, record: id, seq: seq, index: effectIndex),
                                          record: id, policy: policy.name, effect: effect, transition: step.transition,
                                          seq: seq, today: context.today, payload: payload))
            }
        }
        return RecordChange(record: record, expectedVersion: previous?.version, history: history, outbox: outbox)
    }
}
