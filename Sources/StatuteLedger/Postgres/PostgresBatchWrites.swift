import Logging
import PostgresNIO
import Statute

/// A sweep batch's changes written with three statements — the record rows, their history
/// rows, their outbox rows — each taking the whole batch as one JSON parameter, instead of
/// two or three round trips to the server per record.
enum PostgresBatchWrites {
    /// Writes every change, each only if its record is still at the expected version (the
    /// batch's rows are locked by its transaction, so a mismatch means the record was never
    /// there as claimed: the first such change is reported as ``PostgresStore/update(_:_:logger:)``
    /// reports it, and the transaction is rolled back).
    static func write(_ changes: [RecordChange], _ connection: PostgresSession, logger: Logger) async throws {
        if changes.count <= 1 {
            for change in changes { try await PostgresStore.update(change, connection, logger: logger) }
            return
        }
        let rows = JSONValue.array(changes.map { change in
            let record = change.record
            return .object([
                ("policy", .string(record.policy)), ("id", .string(record.id)), ("status", text(record.status)),
                ("facts", .string(record.facts)), ("version", .int(record.version)),
                ("next_due", text(record.nextDue?.description)), ("digest", .string(record.digest)),
                ("last_seq", .int(record.lastSeq)), ("expected", .int(change.expectedVersion ?? -1)),
            ])
        }).rendered()
        let updated = try await connection.all("""
            UPDATE ledger_records AS r SET status = v.status, facts = v.facts, version = v.version,
                next_due = v.next_due, digest = v.digest, last_seq = v.last_seq
            FROM jsonb_to_recordset(\(rows)::jsonb) AS v(policy text, id text, status text, facts text,
                version bigint, next_due text, digest text, last_seq bigint, expected bigint)
            WHERE r.policy = v.policy AND r.id = v.id AND r.version = v.expected
            RETURNING r.id
            """, logger: logger) { try $0.decode(String.self) }
        if updated.count != changes.count {
            let written = Set(updated)
            if let missing = changes.first(where: { !written.contains($0.record.id) }) {
                // Throws the store's error for it (unknown record or version conflict).
                try await PostgresStore.update(missing, connection, logger: logger)
            }
            throw LedgerStoreError.unavailable("a sweep batch wrote \(updated.count) of its \(changes.count) records; it was rolled back")
        }

        var history: [JSONValue] = []
        var outbox: [JSONValue] = []
        for change in changes {
            let record = change.record
            for entry in change.history {
                history.append(.object([
                    ("policy", .string(record.policy)), ("record", .string(record.id)), ("seq", .int(entry.seq)),
                    ("at", .string(entry.at)), ("today", .string(entry.today.description)), ("from_status", text(entry.from)),
                    ("to_status", .string(entry.to)), ("transition", .string(entry.transition)),
                    ("trigger", .string(entry.trigger)), ("actor", .string(entry.actor)), ("role", text(entry.role)),
                    ("reason", text(entry.reason)), ("effects", .string(PostgresRows.effectsText(entry.effects))),
                    ("set_values", .string(entry.set)), ("policy_digest", .string(entry.policyDigest)),
                ]))
            }
            for entry in change.outbox {
                outbox.append(.object([
                    ("key", .string(entry.key)), ("record", .string(entry.record)), ("policy", .string(entry.policy)),
                    ("effect", .string(entry.effect)), ("transition", .string(entry.transition)), ("seq", .int(entry.seq)),
                    ("today", .string(entry.today.description)), ("payload", .string(entry.payload)),
                ]))
            }
        }
        if !history.isEmpty {
            let json = JSONValue.array(history).rendered()
            try await connection.run("""
                INSERT INTO ledger_history (policy, record, seq, at, today, from_status, to_status, transition, trigger,
                    actor, role, reason, effects, set_values, policy_digest)
                SELECT policy, record, seq, at, today, from_status, to_status, transition, trigger,
                    actor, role, reason, effects, set_values, policy_digest
                FROM jsonb_to_recordset(\(json)::jsonb) AS h(policy text, record text, seq bigint, at text, today text,
                    from_status text, to_status text, transition text, trigger text, actor text, role text, reason text,
                    effects text, set_values text, policy_digest text)
                """, logger: logger)
        }
        if !outbox.isEmpty {
            let json = JSONValue.array(outbox).rendered()
            try await connection.run("""
                INSERT INTO ledger_outbox (key, record, policy, effect, transition, seq, today, payload)
                SELECT e.value->>'key', e.value->>'record', e.value->>'policy', e.value->>'effect',
                    e.value->>'transition', (e.value->>'seq')::bigint, e.value->>'today', e.value->>'payload'
                FROM jsonb_array_elements(\(json)::jsonb) WITH ORDINALITY AS e(value, n)
                ORDER BY e.n
                """, logger: logger)
        }
    }

    private static func text(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }
}
