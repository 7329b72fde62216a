import Logging
import PostgresNIO
import StatuteCore

/// The shared store: one PostgreSQL database (14 or later) that any number of processes on
/// any machines use at once. Every method is one transaction at READ COMMITTED; a sweep's
/// batch claims its records with `FOR UPDATE SKIP LOCKED`, so concurrent sweepers share the
/// due records out instead of waiting for each other, and a change is written only if the
/// record's version is still the one it was computed from.
package final class PostgresStore: LedgerStore {
    package static var schemaVersion: Int { PostgresSchema.version }

    let url: PostgresStoreURL
    let connections: PostgresConnections
    let logger: Logger

    /// Connects to the database `url` names, so an unreachable one or a refused login is an
    /// error here rather than at the first query.
    ///
    /// - Throws: ``LedgerStoreError/invalidURL(_:)`` or ``LedgerStoreError/unavailable(_:)``.
    package static func open(url text: String, options: StoreOptions = StoreOptions(),
                             connections limit: Int = 8) async throws -> PostgresStore {
        let url = try PostgresStoreURL.parse(text)
        let store = PostgresStore(url: url, options: options, limit: limit)
        try await store.withConnection { _ in }
        return store
    }

    private init(url: PostgresStoreURL, options: StoreOptions, limit: Int) {
        self.url = url
        var logger = Logger(label: "statute-ledger-postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        let seconds = max(options.busyTimeout, 0.001)
        configuration.options.connectTimeout = .milliseconds(Int64((seconds * 1000).rounded(.up)))
        let lockMilliseconds = Int((seconds * 1000).rounded(.up))
        connections = PostgresConnections(
            configuration: configuration, limit: limit,
            setup: [
                // Waiting for a row another process is changing (an `apply` on a record a
                // sweep holds) gives up after the busy timeout, as SQLite's writers do.
                "SET lock_timeout = \(lockMilliseconds)",
                "SET application_name = 'statute'",
            ],
            logger: logger)
    }

    /// Runs `body` with a connection, errors mapped to ``LedgerStoreError``. A connection
    /// that failed is dropped, so a restarted server costs one failed call, not every later one.
    func withConnection<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        let connection: PostgresSession
        do {
            connection = try await connections.acquire()
        } catch {
            throw LedgerStoreError.fromPostgres(error, store: url)
        }
        do {
            let value = try await body(connection)
            await connections.release(connection, broken: false)
            return value
        } catch {
            await connections.release(connection, broken: Self.breaksConnection(error) || connection.isClosed)
            throw LedgerStoreError.fromPostgres(error, store: url)
        }
    }

    /// Runs `body` in one transaction (`BEGIN` … `COMMIT`, or `ROLLBACK` when it throws).
    func transaction<T: Sendable>(_ body: (PostgresSession, Logger) async throws -> T) async throws -> T {
        let logger = logger
        return try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                try await body(connection, logger)
            }
        }
    }

    /// Errors after which a connection is not trusted again (anything but a statement the
    /// server refused while the session stayed sound).
    private static func breaksConnection(_ error: any Error) -> Bool {
        if error is LedgerStoreError { return false }
        if let error = error as? PostgresTransactionFailure {
            if error.rollbackError != nil || error.commitError != nil || error.beginError != nil { return true }
            return error.closureError.map(breaksConnection) ?? true
        }
        if let error = error as? PSQLError { return error.code != .server }
        return true
    }

    package func migrate() async throws -> Int {
        try await transaction { connection, logger in
            try await connection.run(PostgresQuery(unsafeSQL: PostgresSchema.migrationLock), logger: logger)
            let stored = try await Self.storedVersion(connection, logger: logger)
            if stored > PostgresSchema.version {
                throw LedgerStoreError.newerSchema(found: stored, supported: PostgresSchema.version)
            }
            for (index, statements) in PostgresSchema.migrations.enumerated() where index + 1 > stored {
                for statement in statements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
            return try await Self.storedVersion(connection, logger: logger)
        }
    }

    package func storedSchemaVersion() async throws -> Int {
        try await withConnection { connection in try await Self.storedVersion(connection, logger: logger) }
    }

    static func storedVersion(_ connection: PostgresSession, logger: Logger) async throws -> Int {
        let exists = try await connection.all(PostgresQuery(unsafeSQL: PostgresSchema.schemaTableExists),
                                              logger: logger) { try $0.decode(Bool.self) }
        guard exists.first == true else { return 0 }
        return try await connection.all(PostgresQuery(unsafeSQL: PostgresSchema.storedVersion), logger: logger) {
            try $0.decode(Int.self)
        }.first ?? 0
    }

    package func insert(_ changes: [RecordChange]) async throws -> [InsertOutcome] {
        try await transaction { connection, logger in
            var outcomes: [InsertOutcome] = []
            outcomes.reserveCapacity(changes.count)
            for change in changes {
                guard try await connection.count(PostgresRows.insertRecord(change.record), logger: logger) == 1 else {
                    outcomes.append(.duplicate)
                    continue
                }
                try await Self.writeRows(of: change, connection, logger: logger)
                outcomes.append(.inserted)
            }
            return outcomes
        }
    }

    package func record(policy: String, id: String) async throws -> StoredRecord? {
        try await withConnection { connection in
            try await connection.all(
                "SELECT \(unescaped: PostgresRows.recordColumns) FROM ledger_records WHERE policy = \(policy) AND id = \(id)",
                logger: logger, PostgresRows.record
            ).first
        }
    }

    package func apply(_ change: RecordChange) async throws {
        try await transaction { connection, logger in try await Self.update(change, connection, logger: logger) }
    }

    /// Writes a change to an existing record if its version is still the expected one.
    static func update(_ change: RecordChange, _ connection: PostgresSession, logger: Logger) async throws {
        let record = change.record
        let expected = change.expectedVersion ?? -1
        let updated = try await connection.count("""
            UPDATE ledger_records SET status = \(record.status), facts = \(record.facts), version = \(record.version),
                next_due = \(record.nextDue?.description), digest = \(record.digest), last_seq = \(record.lastSeq)
            WHERE policy = \(record.policy) AND id = \(record.id) AND version = \(expected)
            RETURNING 1
            """, logger: logger)
        guard updated == 1 else {
            let current = try await connection.all(
                "SELECT version FROM ledger_records WHERE policy = \(record.policy) AND id = \(record.id)",
                logger: logger) { try $0.decode(Int.self) }
            guard let current = current.first else {
                throw LedgerStoreError.unknownRecord(policy: record.policy, id: record.id)
            }
            throw LedgerStoreError.versionConflict(policy: record.policy, id: record.id, current: current)
        }
        try await writeRows(of: change, connection, logger: logger)
    }

    /// The history and outbox rows of a change.
    static func writeRows(of change: RecordChange, _ connection: PostgresSession, logger: Logger) async throws {
        for entry in change.history {
            try await connection.run(PostgresRows.insertHistory(entry, record: change.record), logger: logger)
        }
        for entry in change.outbox {
            try await connection.run(PostgresRows.insertOutbox(entry), logger: logger)
        }
    }

    package func history(policy: String, id: String) async throws -> [HistoryEntry] {
        try await withConnection { connection in
            try await connection.all("""
                SELECT \(unescaped: PostgresRows.historyColumns) FROM ledger_history
                WHERE policy = \(policy) AND record = \(id) ORDER BY seq
                """, logger: logger, PostgresRows.history)
        }
    }

    package func records(policy: String, after: String?, limit: Int) async throws -> [StoredRecord] {
        let after = after ?? ""
        return try await withConnection { connection in
            try await connection.all("""
                SELECT \(unescaped: PostgresRows.recordColumns) FROM ledger_records
                WHERE policy = \(policy) AND id > \(after) ORDER BY id LIMIT \(limit)
                """, logger: logger, PostgresRows.record)
        }
    }

    package func close() async throws {
        await connections.close()
    }
}
