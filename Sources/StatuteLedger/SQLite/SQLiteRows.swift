import Foundation
import GRDB
import StatuteCore

/// Rows of the SQLite tables to and from the store's value types.
enum SQLiteRows {
    static let recordColumns = "policy, id, status, facts, version, next_due, digest, last_seq"

    static func record(_ row: Row) -> StoredRecord {
        StoredRecord(id: row["id"], policy: row["policy"], status: row["status"], facts: row["facts"],
                     version: row["version"], nextDue: (row["next_due"] as String?).flatMap(CalendarDate.init(iso:)),
                     digest: row["digest"], lastSeq: row["last_seq"])
    }

    static func recordArguments(_ record: StoredRecord) -> StatementArguments {
        [record.policy, record.id, record.status, record.facts, record.version, record.nextDue?.description,
         record.digest, record.lastSeq]
    }

    static func insertHistory(_ entry: HistoryEntry, record: StoredRecord, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO ledger_history (policy, record, seq, at, today, from_status, to_status, transition, trigger,
                actor, role, reason, effects, set_values, policy_digest)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [record.policy, record.id, entry.seq, entry.at, entry.today.description, entry.from, entry.to,
                             entry.transition, entry.trigger, entry.actor, entry.role, entry.reason,
                             effectsText(entry.effects), entry.set, entry.policyDigest])
    }

    static func history(_ row: Row) -> HistoryEntry {
        HistoryEntry(seq: row["seq"], at: row["at"], today: CalendarDate(iso: row["today"]) ?? CalendarDate(year: 1970, month: 1, day: 1)!,
                     from: row["from_status"], to: row["to_status"], transition: row["transition"], trigger: row["trigger"],
                     actor: row["actor"], role: row["role"], reason: row["reason"], effects: effects(row["effects"]),
                     set: row["set_values"], policyName: row["policy"], policyDigest: row["policy_digest"])
    }

    static func insertOutbox(_ entry: OutboxEntry, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO ledger_outbox (key, record, policy, effect, transition, seq, today, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entry.key, entry.record, entry.policy, entry.effect, entry.transition, entry.seq,
                             entry.today.description, entry.payload])
    }

    static func outbox(_ row: Row) -> OutboxEntry {
        OutboxEntry(key: row["key"], record: row["record"], policy: row["policy"], effect: row["effect"],
                    transition: row["transition"], seq: row["seq"],
                    today: CalendarDate(iso: row["today"]) ?? CalendarDate(year: 1970, month: 1, day: 1)!,
                    payload: row["payload"], attempts: row["attempts"],
                    state: OutboxState(rawValue: row["state"]) ?? .pending, lastError: row["last_error"],
                    position: row["position"])
    }

    /// Effect names are identifiers, so a comma-free list is exact.
    static func effectsText(_ effects: [String]) -> String { effects.joined(separator: ",") }

    static func effects(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",").map(String.init)
    }
}
