public import Foundation
import GRDB

extension SQLiteStore {
    public func outbox(state: OutboxState?, after position: Int64, limit: Int) async throws -> [OutboxEntry] {
        try await read { db in
            if let state {
                return try Row.fetchAll(db, sql: "SELECT * FROM ledger_outbox WHERE state = ? AND position > ? ORDER BY position LIMIT ?",
                                        arguments: [state.rawValue, position, limit]).map(SQLiteRows.outbox)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM ledger_outbox WHERE position > ? ORDER BY position LIMIT ?",
                                    arguments: [position, limit]).map(SQLiteRows.outbox)
        }
    }

    public func outbox(keys: [String]) async throws -> [OutboxEntry] {
        try await read { db in
            var entries: [OutboxEntry] = []
            // In parts, each within SQLite's limit on a statement's parameters.
            for start in stride(from: 0, to: keys.count, by: 500) {
                let part = Array(keys[start..<min(start + 500, keys.count)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ", ")
                entries += try Row.fetchAll(db, sql: "SELECT * FROM ledger_outbox WHERE key IN (\(marks))",
                                            arguments: StatementArguments(part)).map(SQLiteRows.outbox)
            }
            return entries.sorted { $0.position < $1.position }
        }
    }

    public func leaseOutbox(limit: Int, now: Date, lease: OutboxLease) async throws -> [OutboxEntry] {
        try await write { db in
            let now = now.timeIntervalSince1970
            let entries = try Row.fetchAll(db, sql: """
                SELECT * FROM ledger_outbox
                WHERE state = 'pending' AND available_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                ORDER BY position LIMIT ?
                """, arguments: [now, now, limit]).map(SQLiteRows.outbox)
            for entry in entries {
                try db.execute(sql: "UPDATE ledger_outbox SET lease_owner = ?, lease_until = ? WHERE position = ?",
                               arguments: [lease.owner, lease.until.timeIntervalSince1970, entry.position])
            }
            return entries
        }
    }

    public func markDelivered(key: String, owner: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: """
                UPDATE ledger_outbox SET state = 'delivered', attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
                WHERE key = ? AND state = 'pending'
                """, arguments: [key])
            return db.changesCount == 1
        }
    }

    public func markFailed(key: String, owner: String, error: String, retryAt: Date?) async throws -> Bool {
        try await write { db in
            try db.execute(sql: """
                UPDATE ledger_outbox SET attempts = attempts + 1, last_error = ?, lease_owner = NULL, lease_until = NULL,
                    state = ?, available_at = ?
                WHERE key = ? AND state = 'pending'
                """, arguments: [error, retryAt == nil ? OutboxState.dead.rawValue : OutboxState.pending.rawValue,
                                 retryAt?.timeIntervalSince1970 ?? 0, key])
            return db.changesCount == 1
        }
    }

    public func retryDead(now: Date) async throws -> Int {
        try await write { db in
            try db.execute(sql: """
                UPDATE ledger_outbox SET state = 'pending', attempts = 0, available_at = ?, lease_owner = NULL, lease_until = NULL
                WHERE state = 'dead'
                """, arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
