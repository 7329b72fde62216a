import Logging
import PostgresNIO
package import StatuteCore

extension SweepPhase {
    /// The phase's query in PostgreSQL. It locks the rows it returns `FOR UPDATE SKIP
    /// LOCKED`: a row another sweep's open transaction holds is passed over (that sweep is examining it), and a row another
    /// sweep changed since this statement began is checked again against the condition
    /// before it is returned, so a record is examined by one sweep at a time and a change
    /// is never computed from a version that is no longer stored.
    var sql: String {
        let columns = PostgresRows.recordColumns
        let lock = "FOR UPDATE SKIP LOCKED"
        return switch self {
        case .staleBelow:
            "SELECT \(columns) FROM ledger_records WHERE policy = $1 AND digest < $2 AND (digest, id) > ($4, $5) ORDER BY digest, id LIMIT $6 \(lock)"
        case .staleAbove:
            "SELECT \(columns) FROM ledger_records WHERE policy = $1 AND digest > $2 AND (digest, id) > ($4, $5) ORDER BY digest, id LIMIT $6 \(lock)"
        case .due:
            "SELECT \(columns) FROM ledger_records WHERE policy = $1 AND digest = $2 AND next_due <= $3 AND (next_due, id) > ($4, $5) ORDER BY next_due, id LIMIT $6 \(lock)"
        }
    }

    func query(policy: String, digest: String, today: CalendarDate, keys: [String], limit: Int) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: 6)
        let keys = keys.count == 2 ? keys : ["", ""]
        bindings.append(policy)
        bindings.append(digest)
        bindings.append(today.description)
        bindings.append(keys[0])
        bindings.append(keys[1])
        bindings.append(limit)
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}

extension PostgresStore {
    package func claimBatch<Report: Sendable>(
        policy: String, digest: String, today: CalendarDate, limit: Int, after cursor: SweepCursor,
        decide: @Sendable ([StoredRecord]) throws -> SweepDecision<Report>
    ) async throws -> SweepBatch<Report> {
        try await withoutActuallyEscaping(decide) { decide in try await claimBatch(policy: policy, digest: digest, today: today,
                                                                                  limit: limit, cursor: cursor, decide: decide) }
    }

    private func claimBatch<Report: Sendable>(
        policy: String, digest: String, today: CalendarDate, limit: Int, cursor: SweepCursor,
        decide: @escaping @Sendable ([StoredRecord]) throws -> SweepDecision<Report>
    ) async throws -> SweepBatch<Report> {
        try await transaction { connection, logger in
            var cursor = cursor
            var claimed: [StoredRecord] = []
            var phase = SweepPhase(rawValue: cursor.phase)
            while let current = phase {
                claimed = try await connection.all(
                    current.query(policy: policy, digest: digest, today: today, keys: cursor.keys, limit: limit),
                    logger: logger, PostgresRows.record)
                if let last = claimed.last {
                    cursor = SweepCursor(phase: current.rawValue, keys: current.keys(of: last))
                    break
                }
                phase = SweepPhase(rawValue: current.rawValue + 1)
                cursor = SweepCursor(phase: current.rawValue + 1, keys: [])
            }
            let decision = try decide(claimed)
            try await PostgresBatchWrites.write(decision.changes, connection, logger: logger)
            return SweepBatch(claimed: claimed.count, cursor: cursor, report: decision.report)
        }
    }

    package func sweepBacklog(policy: String, digest: String, today: CalendarDate) async throws -> Int? {
        try await withConnection { connection in
            try await connection.all("""
                SELECT (SELECT COUNT(*) FROM ledger_records WHERE policy = \(policy) AND digest < \(digest))
                     + (SELECT COUNT(*) FROM ledger_records WHERE policy = \(policy) AND digest > \(digest))
                     + (SELECT COUNT(*) FROM ledger_records WHERE policy = \(policy) AND digest = \(digest)
                                                              AND next_due <= \(today.description))
                """, logger: logger) { Int(try $0.decode(Int64.self)) }.first
        }
    }

    /// The query plans of the sweep's phases (`EXPLAIN`), one text per phase, for tests
    /// that check no phase scans the table.
    package func sweepQueryPlans(policy: String, digest: String, today: CalendarDate) async throws -> [String] {
        try await withConnection { connection in
            var plans: [String] = []
            for phase in SweepPhase.allCases {
                var query = phase.query(policy: policy, digest: digest, today: today, keys: [], limit: 500)
                query.sql = "EXPLAIN " + query.sql
                let lines = try await connection.all(query, logger: logger) { try $0.decode(String.self) }
                plans.append(lines.joined(separator: "\n"))
            }
            return plans
        }
    }
}
