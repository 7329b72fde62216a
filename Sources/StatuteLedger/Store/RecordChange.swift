/// What one evaluation did to a record, written by a store in one transaction: the
/// record's new row, its new history entries and its new outbox entries.
public struct RecordChange: Hashable, Sendable {
    /// The record after the change; its `version` is the new version.
    public var record: StoredRecord
    /// The version the store must still hold for the change to apply (optimistic
    /// concurrency); `nil` when the record is new (an insert).
    public var expectedVersion: Int?
    /// The history entries to append (their `seq` follow the record's previous `lastSeq`).
    public var history: [HistoryEntry]
    /// The outbox entries to add.
    public var outbox: [OutboxEntry]

    /// Creates a change.
    public init(record: StoredRecord, expectedVersion: Int?, history: [HistoryEntry] = [], outbox: [OutboxEntry] = []) {
        self.record = record
        self.expectedVersion = expectedVersion
        self.history = history
        self.outbox = outbox
    }
}

/// What became of one insert of a batch.
public enum InsertOutcome: Hashable, Sendable {
    /// The record, its history and its outbox entries were written.
    case inserted
    /// A record of that policy with that id exists; nothing was written for it.
    case duplicate
}
