public import Foundation
public import StatuteCore

/// What the ledger needs from a database (docs/ledger.md). Two implementations: SQLite
/// (``SQLiteStore``, embedded, the default) and PostgreSQL; both pass the same test suite.
///
/// Every method is one transaction: it happens wholly or not at all, and a failure is
/// thrown as a ``LedgerStoreError`` that leaves the store as it was.
public protocol LedgerStore: Sendable {
    /// The schema version this implementation writes.
    static var schemaVersion: Int { get }

    /// Creates the schema or migrates it to ``schemaVersion`` (idempotent), and returns the
    /// version now stored. Throws ``LedgerStoreError/newerSchema(found:supported:)`` for a
    /// store written by a newer binary, and changes nothing then.
    func migrate() async throws -> Int

    /// The schema version stored (0: none). Changes nothing.
    func storedSchemaVersion() async throws -> Int

    /// Inserts new records, each with its history and outbox entries, in one transaction;
    /// an id its policy already has (in the store or earlier in `changes`) is reported as
    /// ``InsertOutcome/duplicate`` and nothing is written for it.
    func insert(_ changes: [RecordChange]) async throws -> [InsertOutcome]

    /// The record of `policy` with `id`, or `nil`.
    func record(policy: String, id: String) async throws -> StoredRecord?

    /// Writes one change to an existing record — its row, history entries and outbox
    /// entries — in one transaction, if the stored version is still
    /// ``RecordChange/expectedVersion``; otherwise throws
    /// ``LedgerStoreError/versionConflict(policy:id:current:)`` (or
    /// ``LedgerStoreError/unknownRecord(policy:id:)``) and writes nothing.
    func apply(_ change: RecordChange) async throws

    /// Claims the next batch of at most `limit` records of `policy` that a sweep must
    /// examine — those whose digest is not `digest`, and those whose `nextDue` is on or
    /// before `today` — after `cursor`, and, in the same transaction, writes the changes
    /// `decide` returns for them. Records another sweep holds are skipped (PostgreSQL) or
    /// waited for (SQLite: writers take turns), so no change is applied twice. Never reads
    /// records that are neither due nor stale.
    ///
    /// `decide` may be called again if the store retries the transaction; it must be pure.
    func claimBatch<Report: Sendable>(
        policy: String, digest: String, today: CalendarDate, limit: Int, after cursor: SweepCursor,
        decide: @Sendable ([StoredRecord]) throws -> SweepDecision<Report>
    ) async throws -> SweepBatch<Report>

    /// How many records of `policy` a sweep at `today` under `digest` would examine now —
    /// the due and the stale ones, counted through the same indexes — or `nil` when the
    /// store cannot tell cheaply. An estimate for progress: other writers change it.
    func sweepBacklog(policy: String, digest: String, today: CalendarDate) async throws -> Int?

    /// The history of a record, oldest first.
    func history(policy: String, id: String) async throws -> [HistoryEntry]

    /// At most `limit` records of `policy` with ids after `after` (all when `nil`), by id.
    func records(policy: String, after: String?, limit: Int) async throws -> [StoredRecord]

    /// At most `limit` outbox entries in `state` (any when `nil`) after `position`,
    /// oldest first.
    func outbox(state: OutboxState?, after position: Int64, limit: Int) async throws -> [OutboxEntry]

    /// The outbox entries with these idempotency keys, in any state, oldest first (keys
    /// with no entry are left out): a record's entries, found from its history through the
    /// keys' unique index, however long the outbox is.
    func outbox(keys: [String]) async throws -> [OutboxEntry]

    /// Leases at most `limit` pending entries, oldest first, that are due for an attempt at
    /// `now` and not leased by a deliverer whose lease is still running.
    func leaseOutbox(limit: Int, now: Date, lease: OutboxLease) async throws -> [OutboxEntry]

    /// Records a successful delivery of the entry; `false` when it was no longer pending.
    func markDelivered(key: String, owner: String) async throws -> Bool

    /// Records a failed attempt: one more attempt, `error` as `last_error`, the lease
    /// released, the next attempt not before `retryAt` — or, when `retryAt` is `nil`, the
    /// entry made dead. `false` when it was no longer pending.
    func markFailed(key: String, owner: String, error: String, retryAt: Date?) async throws -> Bool

    /// Puts every dead entry back to pending with no attempts, due at `now`; returns how many.
    func retryDead(now: Date) async throws -> Int

    /// Releases the connections.
    func close() async throws
}

extension LedgerStore {
    /// No estimate.
    public func sweepBacklog(policy: String, digest: String, today: CalendarDate) async throws -> Int? { nil }
}

extension LedgerStore {
    /// Checks that the store has this binary's schema, as every command but `ledger init`
    /// and the service need before they read or write.
    ///
    /// - Throws: ``LedgerStoreError/notInitialized`` for a store without the schema,
    ///   ``LedgerStoreError/newerSchema(found:supported:)`` for one made by a newer binary,
    ///   and ``LedgerStoreError/unavailable(_:)`` for an older one that `ledger init` migrates.
    public func checkSchema() async throws {
        let version = try await storedSchemaVersion()
        let supported = Self.schemaVersion
        if version == 0 { throw LedgerStoreError.notInitialized }
        if version > supported { throw LedgerStoreError.newerSchema(found: version, supported: supported) }
        if version < supported {
            throw LedgerStoreError.unavailable("the store's schema is version \(version); run `statute ledger init` to migrate it to \(supported)")
        }
    }
}
