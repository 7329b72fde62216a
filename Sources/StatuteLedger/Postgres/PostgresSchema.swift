/// The PostgreSQL schema: the same tables, columns and indexes as the SQLite store's, in
/// numbered, append-only migrations. A new migration is appended with the next number and
/// never edits an earlier one; `ledger_schema` holds the number of each one applied, so a
/// binary can refuse a store written by a newer one.
///
/// Keys and ids are `text COLLATE "C"`: byte order, as SQLite compares them, so both stores
/// list and sweep records in the same order whatever the database's locale. Dates are ISO
/// `YYYY-MM-DD` text (their byte order is date order); lease and retry times are seconds
/// since 1970, as in SQLite.
enum PostgresSchema {
    /// The number of the last migration below.
    static var version: Int { migrations.count }

    /// Migration N is `migrations[N - 1]`: its statements, run in one transaction.
    static let migrations: [[String]] = [
        [
            "CREATE TABLE ledger_schema (version integer NOT NULL)",
            """
            CREATE TABLE ledger_records (
                policy text COLLATE "C" NOT NULL,
                id text COLLATE "C" NOT NULL,
                status text,
                facts text NOT NULL,
                version bigint NOT NULL,
                next_due text COLLATE "C",
                digest text COLLATE "C" NOT NULL,
                last_seq bigint NOT NULL,
                PRIMARY KEY (policy, id)
            )
            """,
            // The sweep's two questions, each answered by a range of one index: records due
            // on or before a date under the current digest, and records under any other digest.
            "CREATE INDEX ledger_records_due ON ledger_records (policy, digest, next_due, id)",
            "CREATE INDEX ledger_records_digest ON ledger_records (policy, digest, id)",
            """
            CREATE TABLE ledger_history (
                policy text COLLATE "C" NOT NULL,
                record text COLLATE "C" NOT NULL,
                seq bigint NOT NULL,
                at text NOT NULL,
                today text NOT NULL,
                from_status text,
                to_status text NOT NULL,
                transition text NOT NULL,
                trigger text NOT NULL,
                actor text NOT NULL,
                role text,
                reason text,
                effects text NOT NULL,
                set_values text NOT NULL,
                policy_digest text NOT NULL,
                PRIMARY KEY (policy, record, seq)
            )
            """,
            """
            CREATE TABLE ledger_outbox (
                position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                key text COLLATE "C" NOT NULL UNIQUE,
                record text NOT NULL,
                policy text NOT NULL,
                effect text NOT NULL,
                transition text NOT NULL,
                seq bigint NOT NULL,
                today text NOT NULL,
                payload text NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                state text NOT NULL DEFAULT 'pending',
                last_error text,
                available_at double precision NOT NULL DEFAULT 0,
                lease_owner text,
                lease_until double precision
            )
            """,
            // Delivery reads pending entries oldest first; listing reads by state.
            "CREATE INDEX ledger_outbox_state ON ledger_outbox (state, position)",
            "INSERT INTO ledger_schema (version) VALUES (1)",
        ],
    ]

    /// Taken (for the transaction) by every `migrate`, so two `ledger init` at once take turns.
    static let migrationLock = "SELECT pg_advisory_xact_lock(7426173801)"

    /// Whether the ledger's schema table exists in the connection's search path.
    static let schemaTableExists = "SELECT to_regclass('ledger_schema') IS NOT NULL"

    static let storedVersion = "SELECT COALESCE(MAX(version), 0)::bigint FROM ledger_schema"
}
