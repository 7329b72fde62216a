package import Foundation
import Logging
import PostgresNIO

extension PostgresStore {
    package func outbox(state: OutboxState?, after position: Int64, limit: Int) async throws -> [OutboxEntry] {
        try await withConnection { connection in
            if let state {
                return try await connection.all("""
                    SELECT \(unescaped: PostgresRows.outboxColumns) FROM ledger_outbox
                    WHERE state = \(state.rawValue) AND position > \(position) ORDER BY position LIMIT \(limit)
                    """, logger: logger, PostgresRows.outbox)
            }
            return try await connection.all("""
                SELECT \(unescaped: PostgresRows.outboxColumns) FROM ledger_outbox
                WHERE position > \(position) ORDER BY position LIMIT \(limit)
                """, logger: logger, PostgresRows.outbox)
        }
    }

    package func outbox(keys: [String]) async throws -> [OutboxEntry] {
        guard !keys.isEmpty else { return [] }
        return try await withConnection { connection in
            try await connection.all("""
                SELECT \(unescaped: PostgresRows.outboxColumns) FROM ledger_outbox
                WHERE key = ANY(\(keys)) ORDER BY position
                """, logger: logger, PostgresRows.outbox)
        }
    }

    /// Takes the oldest pending entries nobody holds, skipping (not waiting for) those
    /// another deliverer is leasing at this moment, so deliverers share the entries out.
    package func leaseOutbox(limit: Int, now: Date, lease: OutboxLease) async throws -> [OutboxEntry] {
        let now = now.timeIntervalSince1970
        let until = lease.until.timeIntervalSince1970
        return try await transaction { connection, logger in
            let entries = try await connection.all("""
                UPDATE ledger_outbox SET lease_owner = \(lease.owner), lease_until = \(until)
                WHERE position IN (
                    SELECT position FROM ledger_outbox
                    WHERE state = 'pending' AND available_at <= \(now) AND (lease_until IS NULL OR lease_until <= \(now))
                    ORDER BY position LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: PostgresRows.outboxColumns)
                """, logger: logger, PostgresRows.outbox)
            return entries.sorted { $0.position < $1.position }
        }
    }

    package func markDelivered(key: String, owner: String) async throws -> Bool {
        try await transaction { connection, logger in
            try await connection.count("""
                UPDATE ledger_outbox SET state = 'delivered', attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
                WHERE key = \(key) AND state = 'pending'
                RETURNING 1
                """, logger: logger) == 1
        }
    }

    package func markFailed(key: String, owner: String, error: String, retryAt: Date?) async throws -> Bool {
        let state = retryAt == nil ? OutboxState.dead.rawValue : OutboxState.pending.rawValue
        let availableAt = retryAt?.timeIntervalSince1970 ?? 0
        return try await transaction { connection, logger in
            try await connection.count("""
                UPDATE ledger_outbox SET attempts = attempts + 1, last_error = \(error), lease_owner = NULL,
                    lease_until = NULL, state = \(state), available_at = \(availableAt)
                WHERE key = \(key) AND state = 'pending'
                RETURNING 1
                """, logger: logger) == 1
        }
    }

    package func retryDead(now: Date) async throws -> Int {
        let now = now.timeIntervalSince1970
        return try await transaction { connection, logger in
            try await connection.count("""
                UPDATE ledger_outbox SET state = 'pending', attempts = 0, available_at = \(now), lease_owner = NULL,
                    lease_until = NULL
                WHERE state = 'dead'
                RETURNING 1
                """, logger: logger)
        }
    }
}
