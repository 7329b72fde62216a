import Logging
import PostgresNIO
import StatuteCore

/// Rows of the PostgreSQL tables to and from the store's value types (the same columns as
/// the SQLite store's).
enum PostgresRows {
    static let recordColumns = "policy, id, status, facts, version, next_due, digest, last_seq"
    static let outboxColumns = """
        position, key, record, policy, effect, transition, seq, today, payload, attempts, state, last_error
        """
    static let historyColumns = """
        policy, seq, at, today, from_status, to_status, transition, trigger, actor, role, reason, effects,
        set_values, policy_digest
        """

    static func record(_ row: PostgresRow) throws -> StoredRecord {
        let (policy, id, status, facts, version, nextDue, digest, lastSeq) = try row.decode(
            (String, String, String?, String, Int, String?, String, Int).self)
        return StoredRecord(id: id, policy: policy, status: status, facts: facts, version: version,
                            nextDue: nextDue.flatMap(CalendarDate.init(iso:)), digest: digest, lastSeq: lastSeq)
    }

    static func insertRecord(_ record: StoredRecord) -> PostgresQuery {
        """
        INSERT INTO ledger_records (policy, id, status, facts, version, next_due, digest, last_seq)
        VALUES (\(record.policy), \(record.id), \(record.status), \(record.facts), \(record.version),
                \(record.nextDue?.description), \(record.digest), \(record.lastSeq))
        ON CONFLICT (policy, id) DO NOTHING
        RETURNING 1
        """
    }

    static func insertHistory(_ entry: HistoryEntry, record: StoredRecord) -> PostgresQuery {
        """
        INSERT INTO ledger_history (policy, record, seq, at, today, from_status, to_status, transition, trigger,
            actor, role, reason, effects, set_values, policy_digest)
        VALUES (\(record.policy), \(record.id), \(entry.seq), \(entry.at), \(entry.today.description), \(entry.from),
                \(entry.to), \(entry.transition), \(entry.trigger), \(entry.actor), \(entry.role), \(entry.reason),
                \(effectsText(entry.effects)), \(entry.set), \(entry.policyDigest))
        """
    }

    static func history(_ row: PostgresRow) throws -> HistoryEntry {
        let (policy, seq, at, today, from, to, transition, trigger, actor, role, reason, effects, set, digest) =
            try row.decode((String, Int, String, String, String?, String, String, String, String, String?, String?,
                            String, String, String).self)
        return HistoryEntry(seq: seq, at: at, today: date(today), from: from, to: to, transition: transition,
                            trigger: trigger, actor: actor, role: role, reason: reason,
                            effects: Self.effects(effects), set: set, policyName: policy, policyDigest: digest)
    }

    static func insertOutbox(_ entry: OutboxEntry) -> PostgresQuery {
        """
        INSERT INTO ledger_outbox (key, record, policy, effect, transition, seq, today, payload)
        VALUES (\(entry.key), \(entry.record), \(entry.policy), \(entry.effect), \(entry.transition), \(entry.seq),
                \(entry.today.description), \(entry.payload))
        """
    }

    static func outbox(_ row: PostgresRow) throws -> OutboxEntry {
        let (position, key, record, policy, effect, transition, seq, today, payload, attempts, state, lastError) =
            try row.decode((Int64, String, String, String, String, String, Int, String, String, Int, String,
                            String?).self)
        return OutboxEntry(key: key, record: record, policy: policy, effect: effect, transition: transition,
                           seq: seq, today: date(today), payload: payload, attempts: attempts,
                           state: OutboxState(rawValue: state) ?? .pending, lastError: lastError,
                           position: position)
    }

    /// Effect names are identifiers, so a comma-free list is exact (as in the SQLite store).
    static func effectsText(_ effects: [String]) -> String { effects.joined(separator: ",") }

    static func effects(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",").map(String.init)
    }

    private static func date(_ text: String) -> CalendarDate {
        CalendarDate(iso: text) ?? CalendarDate(year: 1970, month: 1, day: 1)!
    }
}
