import Foundation
import GRDB
public import StatuteCore

/// The embedded store: one SQLite file in WAL mode, through GRDB's `DatabasePool`
/// (concurrent readers, one writer at a time; other processes' writers are waited for up to
/// the busy timeout). Every write is one `BEGIN IMMEDIATE` transaction, so processes take
/// turns and never upgrade a read into a write halfway.
public final class SQLiteStore: LedgerStore {
    public static var schemaVersion: Int { SQLiteSchema.version }

    let pool: DatabasePool
    let path: String
    let busyTimeout: Double

    /// Opens the file at `path`, creating it when missing.
    ///
    /// - Throws: ``LedgerStoreError/unavailable(_:)`` when it cannot be opened.
    public init(path: String, options: StoreOptions = StoreOptions()) throws {
        self.path = path
        self.busyTimeout = options.busyTimeout
        var configuration = Configuration()
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.label = "statute-ledger"
        configuration.prepareDatabase { db in
            // Durable commits: a change reported done survives a crash or power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw LedgerStoreError.from(error, path: path, busyTimeout: options.busyTimeout)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, errors mapped to ``LedgerStoreError``.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var value: T?
                try db.inTransaction(.immediate) {
                    value = try body(db)
                    return .commit
                }
                return value!
            }
        } catch {
            throw LedgerStoreError.from(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Runs `body` on a read-only snapshot, errors mapped to ``LedgerStoreError``.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw LedgerStoreError.from(error, path: path, busyTimeout: busyTimeout)
        }
    }

    public func migrate() async throws -> Int {
        do {
            let (stored, superseded) = try await pool.read { db in
                (try SQLiteSchema.storedVersion(db), try SQLiteSchema.migrator.hasBeenSuperseded(db))
            }
            if stored > SQLiteSchema.version || superseded {
                throw LedgerStoreError.newerSchema(found: stored, supported: SQLiteSchema.version)
            }
            // Each migration in its own transaction; one already applied is skipped.
            try SQLiteSchema.migrator.migrate(pool)
            return try await pool.read { db in try SQLiteSchema.storedVersion(db) }
        } catch {
            throw LedgerStoreError.from(error, path: path, busyTimeout: busyTimeout)
        }
    }

    public func storedSchemaVersion() async throws -> Int {
        try await read { db in try SQLiteSchema.storedVersion(db) }
    }

    public func insert(_ changes: [RecordChange]) async throws -> [InsertOutcome] {
        try await write { db in
            try changes.map { change -> InsertOutcome in
                let record = change.record
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO ledger_records (\(SQLiteRows.recordColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .execute(arguments: SQLiteRows.recordArguments(record))
                guard db.changesCount == 1 else { return .duplicate }
                try Self.writeRows(of: change, db)
                return .inserted
            }
        }
    }

    public func record(policy: String, id: String) async throws -> StoredRecord? {
        try await read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(SQLiteRows.recordColumns) FROM ledger_records WHERE policy = ? AND id = ?"),
                             arguments: [policy, id]).map(SQLiteRows.record)
        }
    }

    public func apply(_ change: RecordChange) async throws {
        try await write { db in try Self.update(change, db) }
    }

    /// Writes a change to an existing record if its version is still the expected one.
    static func update(_ change: RecordChange, _ db: Database) throws {
        let record = change.record
        try db.cachedStatement(sql: """
            UPDATE ledger_records SET status = ?, facts = ?, version = ?, next_due = ?, digest = ?, last_seq = ?
            WHERE policy = ? AND id = ? AND version = ?
            """).execute(arguments: [record.status, record.facts, record.version, record.nextDue?.description, record.digest,
                             record.lastSeq, record.policy, record.id, change.expectedVersion ?? -1])
        guard db.changesCount == 1 else {
            guard let current = try Int.fetchOne(db, sql: "SELECT version FROM ledger_records WHERE policy = ? AND id = ?",
                                                 arguments: [record.policy, record.id]) else {
                throw LedgerStoreError.unknownRecord(policy: record.policy, id: record.id)
            }
            throw LedgerStoreError.versionConflict(policy: record.policy, id: record.id, current: current)
        }
        try writeRows(of: change, db)
    }

    /// The history and outbox rows of a change.
    static func writeRows(of change: RecordChange, _ db: Database) throws {
        for entry in change.history { try SQLiteRows.insertHistory(entry, record: change.record, db) }
        for entry in change.outbox { try SQLiteRows.insertOutbox(entry, db) }
    }

    public func history(policy: String, id: String) async throws -> [HistoryEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ledger_history WHERE policy = ? AND record = ? ORDER BY seq",
                             arguments: [policy, id]).map(SQLiteRows.history)
        }
    }

    public func records(policy: String, after: String?, limit: Int) async throws -> [StoredRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQLiteRows.recordColumns) FROM ledger_records WHERE policy = ? AND id > ? ORDER BY id LIMIT ?
                """, arguments: [policy, after ?? "", limit]).map(SQLiteRows.record)
        }
    }

    public func close() async throws {
        do { try pool.close() } catch { throw LedgerStoreError.from(error, path: path, busyTimeout: busyTimeout) }
    }
}
