public import StatuteCore

/// A record as a ledger store keeps it (docs/ledger.md): its identity within a policy,
/// its status and facts, its version, when it is next due and what it was last evaluated
/// under.
///
/// Stores keep `facts` as the JSON text they are given and never interpret it: the ledger
/// reads and checks it against the policy.
public struct StoredRecord: Hashable, Sendable {
    /// The record's id, unique within its policy.
    public var id: String
    /// The name of the policy the record belongs to.
    public var policy: String
    /// The current status id; `nil` before the first.
    public var status: String?
    /// The facts as one JSON object (dotted keys, sorted), e.g. `{"completed_on":"2025-01-31"}`.
    public var facts: String
    /// Starts at 1; one more per applied change.
    public var version: Int
    /// The date of the next automatic change (the evaluation's `next`), or `nil`.
    public var nextDue: CalendarDate?
    /// The digest of the policy and settings the record was last evaluated under.
    public var digest: String
    /// The `seq` of the record's latest history entry; 0 when it has none.
    public var lastSeq: Int

    /// Creates a record.
    public init(id: String, policy: String, status: String?, facts: String, version: Int,
                nextDue: CalendarDate?, digest: String, lastSeq: Int) {
        self.id = id
        self.policy = policy
        self.status = status
        self.facts = facts
        self.version = version
        self.nextDue = nextDue
        self.digest = digest
        self.lastSeq = lastSeq
    }
}
