import GRDB
public import StatuteCore

extension SweepPhase {
    /// The phase's query in SQLite, each one range of an index on `(policy, digest, …)`.
    func query(columns: String) -> String {
        switch self {
        case .staleBelow:
            "SELECT \(columns) FROM ledger_records WHERE policy = ?1 AND digest < ?2 AND (digest, id) > (?4, ?5) ORDER BY digest, id LIMIT ?6"
        case .staleAbove:
            "SELECT \(columns) FROM ledger_records WHERE policy = ?1 AND digest > ?2 AND (digest, id) > (?4, ?5) ORDER BY digest, id LIMIT ?6"
        case .due:
            "SELECT \(columns) FROM ledger_records WHERE policy = ?1 AND digest = ?2 AND next_due <= ?3 AND (next_due, id) > (?4, ?5) ORDER BY next_due, id LIMIT ?6"
        }
    }
}

extension SQLiteStore {
    public func claimBatch<Report: Sendable>(
        policy: String, digest: String, today: CalendarDate, limit: Int, after cursor: SweepCursor,
        decide: @Sendable ([StoredRecord]) throws -> SweepDecision<Report>
    ) async throws -> SweepBatch<Report> {
        try await write { db in
            var cursor = cursor
            var claimed: [StoredRecord] = []
            var phase = SweepPhase(rawValue: cursor.phase)
            while let current = phase {
                let keys = cursor.keys.count == 2 ? cursor.keys : ["", ""]
                claimed = try Row.fetchAll(db.cachedStatement(sql: current.query(columns: SQLiteRows.recordColumns)),
                                           arguments: [policy, digest, today.description, keys[0], keys[1], limit])
                    .map(SQLiteRows.record)
                if let last = claimed.last {
                    cursor = SweepCursor(phase: current.rawValue, keys: current.keys(of: last))
                    break
                }
                phase = SweepPhase(rawValue: current.rawValue + 1)
                cursor = SweepCursor(phase: current.rawValue + 1, keys: [])
            }
            let decision = try decide(claimed)
            for change in decision.changes { try Self.update(change, db) }
            return SweepBatch(claimed: claimed.count, cursor: cursor, report: decision.report)
        }
    }

    public func sweepBacklog(policy: String, digest: String, today: CalendarDate) async throws -> Int? {
        try await read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM ledger_records WHERE policy = ?1 AND digest < ?2)
                     + (SELECT COUNT(*) FROM ledger_records WHERE policy = ?1 AND digest > ?2)
                     + (SELECT COUNT(*) FROM ledger_records WHERE policy = ?1 AND digest = ?2 AND next_due <= ?3)
                """, arguments: [policy, digest, today.description])
        }
    }

    /// The query plans of the sweep's phases (`EXPLAIN QUERY PLAN`), for tests that check
    /// no phase scans the table.
    package func sweepQueryPlans() async throws -> [String] {
        try await read { db in
            try SweepPhase.allCases.map { phase in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + phase.query(columns: SQLiteRows.recordColumns),
                                 arguments: ["p", "d", "2026-01-01", "", "", 10])
                    .map { $0["detail"] as String }.joined(separator: "; ")
            }
        }
    }
}
