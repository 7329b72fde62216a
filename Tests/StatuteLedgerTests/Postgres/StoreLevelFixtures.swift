import StatuteCore
import StatuteLedger

/// Records and changes written straight through the store protocol, for the tests of the
/// PostgreSQL store and of webhook delivery (the ledger's operations have their own suite).
enum StoreLevelFixtures {
    static let policy = "certification"
    static let digest = "sha256:current"
    static let today = CalendarDate(iso: "2026-03-01")!

    /// A new record, due at `due` (nil: never), last evaluated under `digest`.
    static func newRecord(_ id: String, due: String?, digest: String = digest) -> RecordChange {
        RecordChange(
            record: StoredRecord(id: id, policy: policy, status: "active", facts: #"{"completed_on":"2025-01-31"}"#,
                                 version: 1, nextDue: due.flatMap(CalendarDate.init(iso:)), digest: digest,
                                 lastSeq: 0),
            expectedVersion: nil)
    }

    /// What a sweep does to a due record: one step to `expiring` with its history entry and
    /// one email effect, next due never, under the current digest. `actor` tells the sweeps apart.
    static func expire(_ record: StoredRecord, actor: String = "system") -> RecordChange {
        var changed = record
        changed.status = "expiring"
        changed.version = record.version + 1
        changed.nextDue = nil
        changed.digest = digest
        changed.lastSeq = record.lastSeq + 1
        let history = HistoryEntry(
            seq: changed.lastSeq, at: "2026-03-01T02:00:00Z", today: today, from: record.status, to: "expiring",
            transition: "expire-soon", trigger: #"{"at":"2026-03-01"}"#, actor: actor, role: nil, reason: nil,
            effects: ["send_notice"], set: "{}", policyName: policy, policyDigest: digest)
        let effect = OutboxEntry(
            key: "\(policy)/\(record.id)/\(changed.lastSeq)/send_notice", record: record.id, policy: policy,
            effect: "send_notice", transition: "expire-soon", seq: changed.lastSeq, today: today,
            payload: #"{"id":"\#(record.id)","status":"expiring"}"#)
        return RecordChange(record: changed, expectedVersion: record.version, history: [history], outbox: [effect])
    }

    /// Sweeps `store` to the end, batch by batch, expiring every record it claims; returns
    /// how many records it changed. `pause` runs inside each batch's transaction (to widen
    /// the window other sweeps or a restart can hit).
    static func sweep(_ store: any LedgerStore, batch: Int = 10, actor: String = "system",
                      pause: @escaping @Sendable () -> Void = {}) async throws -> Int {
        var cursor = SweepCursor.start
        var changed = 0
        while true {
            let result = try await store.claimBatch(policy: policy, digest: digest, today: today, limit: batch,
                                                    after: cursor) { records in
                pause()
                let changes = records.map { expire($0, actor: actor) }
                return SweepDecision(changes: changes, report: changes.count)
            }
            guard result.claimed > 0 else { return changed }
            changed += result.report
            cursor = result.cursor
        }
    }
}
