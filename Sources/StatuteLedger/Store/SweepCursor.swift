/// Where a sweep has got to in a store's order of the records it must examine.
///
/// A sweep examines, for one policy, every record whose digest differs from the current
/// one and every record whose `next_due` is on or before `today`. Each store walks them in
/// an order its indexes give without reading other records, and the cursor holds its place
/// in that order: a record that could not be evaluated stays due or stale, and the cursor is
/// what keeps the sweep from claiming it again. Its content is the store's own business.
public struct SweepCursor: Hashable, Sendable {
    /// The store's phase (for example: stale records first, then due ones).
    var phase: Int
    /// The sort key of the last record claimed in that phase; empty at a phase's start.
    var keys: [String]

    /// Before the first record.
    public static let start = SweepCursor(phase: 0, keys: [])

    init(phase: Int, keys: [String]) {
        self.phase = phase
        self.keys = keys
    }
}

/// What a store did with one claimed batch.
public struct SweepBatch<Report: Sendable>: Sendable {
    /// How many records were claimed (0: the sweep is over).
    public var claimed: Int
    /// Where the next batch starts.
    public var cursor: SweepCursor
    /// What the caller's decision returned for the batch.
    public var report: Report

    /// Creates a batch summary.
    public init(claimed: Int, cursor: SweepCursor, report: Report) {
        self.claimed = claimed
        self.cursor = cursor
        self.report = report
    }
}

/// What the caller decided for a claimed batch: the changes to write and a report of
/// its own (counts, errors) returned with the batch once the transaction has committed.
public struct SweepDecision<Report: Sendable>: Sendable {
    /// The changes to write, each checked against its expected version.
    public var changes: [RecordChange]
    /// The caller's own account of the batch.
    public var report: Report

    /// Creates a decision.
    public init(changes: [RecordChange], report: Report) {
        self.changes = changes
        self.report = report
    }
}
