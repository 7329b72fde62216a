public import Foundation
public import StatuteCore

/// Where an outbox entry stands.
public enum OutboxState: String, Hashable, Sendable, CaseIterable {
    /// Waiting to be delivered (possibly after a failed attempt, or leased right now).
    case pending
    /// A delivery succeeded; it is never handed out again.
    case delivered
    /// `--max-attempts` deliveries failed; `deliver --retry-dead` puts it back.
    case dead
}

/// An effect to hand to the application, written in the transaction that applied the
/// step which emitted it.
public struct OutboxEntry: Hashable, Sendable {
    /// The stable idempotency key: unique per record, history entry and effect, the same
    /// whichever process wrote it.
    public var key: String
    /// The record's id.
    public var record: String
    /// The policy's name.
    public var policy: String
    /// The effect's name.
    public var effect: String
    /// The transition whose step emitted it.
    public var transition: String
    /// The `seq` of that step's history entry.
    public var seq: Int
    /// The date the record was evaluated at.
    public var today: CalendarDate
    /// The record's id, status, facts and `set` after the change, as one JSON object.
    public var payload: String
    /// Delivery attempts made so far.
    public var attempts: Int
    /// Pending, delivered or dead.
    public var state: OutboxState
    /// The last failed attempt's error, if any.
    public var lastError: String?
    /// Set by the store: the entry's place in the order entries were written (oldest first).
    public var position: Int64

    /// Creates an entry; `position` is assigned by the store when it is written.
    public init(key: String, record: String, policy: String, effect: String, transition: String, seq: Int,
                today: CalendarDate, payload: String, attempts: Int = 0, state: OutboxState = .pending,
                lastError: String? = nil, position: Int64 = 0) {
        self.key = key
        self.record = record
        self.policy = policy
        self.effect = effect
        self.transition = transition
        self.seq = seq
        self.today = today
        self.payload = payload
        self.attempts = attempts
        self.state = state
        self.lastError = lastError
        self.position = position
    }
}

/// An outbox entry handed to one deliverer until `until`.
public struct OutboxLease: Hashable, Sendable {
    /// Who holds it (a deliverer's own random token).
    public var owner: String
    /// When the lease runs out and another deliverer may take the entry.
    public var until: Date

    /// Creates a lease.
    public init(owner: String, until: Date) {
        self.owner = owner
        self.until = until
    }
}
