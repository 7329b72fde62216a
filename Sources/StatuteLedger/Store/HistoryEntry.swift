public import StatuteCore

/// One step applied to a record: a row of its history, oldest first by `seq`.
public struct HistoryEntry: Hashable, Sendable {
    /// 1, 2, 3… within the record, in the order the steps were applied.
    public var seq: Int
    /// The wall-clock time it was written, RFC 3339 in UTC (`2026-03-01T02:00:00Z`).
    public var at: String
    /// The date the record was evaluated at.
    public var today: CalendarDate
    /// The status before the step (`nil`: the record had none).
    public var from: String?
    /// The status after the step.
    public var to: String
    /// The id of the transition taken.
    public var transition: String
    /// What triggered it, as a JSON object: `{"event":E}`, `{"when":true}`, `{"at":DATE}`
    /// or `{"manual":true}`.
    public var trigger: String
    /// Who: the `actor` of an `apply` request, or `system` for the sweep and imports.
    public var actor: String
    /// The role a manual request was made as.
    public var role: String?
    /// The reason given with the request.
    public var reason: String?
    /// The effects of the step, in order.
    public var effects: [String]
    /// The facts the step assigned, as one JSON object.
    public var set: String
    /// The policy's name.
    public var policyName: String
    /// The digest of the policy file it was evaluated under (`sha256:` and hex).
    public var policyDigest: String

    /// Creates an entry.
    public init(seq: Int, at: String, today: CalendarDate, from: String?, to: String, transition: String,
                trigger: String, actor: String, role: String?, reason: String?, effects: [String], set: String,
                policyName: String, policyDigest: String) {
        self.seq = seq
        self.at = at
        self.today = today
        self.from = from
        self.to = to
        self.transition = transition
        self.trigger = trigger
        self.actor = actor
        self.role = role
        self.reason = reason
        self.effects = effects
        self.set = set
        self.policyName = policyName
        self.policyDigest = policyDigest
    }
}
