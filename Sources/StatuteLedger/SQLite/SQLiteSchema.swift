import GRDB

/// The SQLite schema: numbered, append-only migrations. A new migration is appended with
/// the next number and never edits an earlier one; `ledger_schema` holds the number of the
/// last one applied, so a binary can refuse a store written by a newer one.
enum SQLiteSchema {
    /// The number of the last migration below.
    static let version = 1

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1") { db in
            try db.execute(sql: """
                CREATE TABLE ledger_schema (version INTEGER NOT NULL);
                INSERT INTO ledger_schema (version) VALUES (1);
                CREATE TABLE ledger_records (
                    policy TEXT NOT NULL,
                    id TEXT NOT NULL,
                    status TEXT,
                    facts TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    next_due TEXT,
                    digest TEXT NOT NULL,
                    last_seq INTEGER NOT NULL,
                    PRIMARY KEY (policy, id)
                );
                -- The sweep's two questions, each answered by a range of one index:
                -- records due on or before a date under the current digest, and records
                -- under any other digest.
                CREATE INDEX ledger_records_due ON ledger_records (policy, digest, next_due, id);
                CREATE INDEX ledger_records_digest ON ledger_records (policy, digest, id);
                CREATE TABLE ledger_history (
                    policy TEXT NOT NULL,
                    record TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    today TEXT NOT NULL,
                    from_status TEXT,
                    to_status TEXT NOT NULL,
                    transition TEXT NOT NULL,
                    trigger TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    role TEXT,
                    reason TEXT,
                    effects TEXT NOT NULL,
                    set_values TEXT NOT NULL,
                    policy_digest TEXT NOT NULL,
                    PRIMARY KEY (policy, record, seq)
                );
                CREATE TABLE ledger_outbox (
                    position INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL UNIQUE,
                    record TEXT NOT NULL,
                    policy TEXT NOT NULL,
                    effect TEXT NOT NULL,
                    transition TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    today TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL DEFAULT 'pending',
                    last_error TEXT,
                    available_at REAL NOT NULL DEFAULT 0,
                    lease_owner TEXT,
                    lease_until REAL
                );
                -- Delivery reads pending entries oldest first; listing reads by state.
                CREATE INDEX ledger_outbox_state ON ledger_outbox (state, position);
                """)
        }
        return migrator
    }

    /// The version stored in `db` (0: no ledger schema).
    static func storedVersion(_ db: Database) throws -> Int {
        guard try db.tableExists("ledger_schema") else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT MAX(version) FROM ledger_schema") ?? 0
    }
}
