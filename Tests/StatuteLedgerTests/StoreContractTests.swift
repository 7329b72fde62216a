import Foundation
import Statute
import StatuteLedger
import Testing

/// What every store must do, run against each store of ``StoreFactory/all``.
@Suite("Ledger store contract")
struct StoreContractTests {
    static func record(_ id: String, status: String? = "active", version: Int = 1, nextDue: String? = nil,
                       digest: String = "d1", lastSeq: Int = 0) -> StoredRecord {
        StoredRecord(id: id, policy: "p", status: status, facts: "{}", version: version,
                     nextDue: nextDue.map(LedgerFixtures.date), digest: digest, lastSeq: lastSeq)
    }

    static func entry(_ key: String, record: String = "a", seq: Int = 1) -> OutboxEntry {
        OutboxEntry(key: key, record: record, policy: "p", effect: "mail", transition: "t", seq: seq,
                    today: LedgerFixtures.date("2026-03-01"), payload: #"{"id":"\#(record)"}"#)
    }

    static func history(_ seq: Int, to: String = "expired") -> HistoryEntry {
        HistoryEntry(seq: seq, at: "2026-03-01T02:00:00Z", today: LedgerFixtures.date("2026-03-01"), from: "active", to: to,
                     transition: "expire", trigger: #"{"at":"2026-03-01"}"#, actor: "system", role: nil, reason: nil,
                     effects: ["mail"], set: "{}", policyName: "p", policyDigest: "sha256:00")
    }

    @Test("migrating is idempotent and stores the schema version", arguments: StoreFactory.all)
    func migrateTwice(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let version = try await store.migrate()
        #expect(version == type(of: store).schemaVersion)
        #expect(try await store.storedSchemaVersion() == version)
        try await store.close()
    }

    @Test("an insert of an existing id is a duplicate and writes nothing for it", arguments: StoreFactory.all)
    func duplicateInsert(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let first = RecordChange(record: Self.record("a", lastSeq: 1), expectedVersion: nil, history: [Self.history(1)],
                                 outbox: [Self.entry("k1")])
        #expect(try await store.insert([first]) == [.inserted])
        var again = Self.record("a", status: "expired", lastSeq: 1)
        again.facts = #"{"x":1}"#
        let second = RecordChange(record: again, expectedVersion: nil, history: [Self.history(1)], outbox: [Self.entry("k2")])
        let fresh = RecordChange(record: Self.record("b"), expectedVersion: nil)
        #expect(try await store.insert([second, fresh, fresh]) == [.duplicate, .inserted, .duplicate])
        #expect(try await store.record(policy: "p", id: "a")?.status == "active")
        #expect(try await store.record(policy: "p", id: "a")?.facts == "{}")
        #expect(try await store.history(policy: "p", id: "a").count == 1)
        #expect(try await store.outbox(state: nil, after: 0, limit: 10).map(\.key) == ["k1"])
        try await store.close()
    }

    @Test("a change applies only at the expected version, with its history and outbox", arguments: StoreFactory.all)
    func optimisticVersion(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        _ = try await store.insert([RecordChange(record: Self.record("a"), expectedVersion: nil)])
        let change = RecordChange(record: Self.record("a", status: "expired", version: 2, lastSeq: 1), expectedVersion: 1,
                                  history: [Self.history(1)], outbox: [Self.entry("k1")])
        try await store.apply(change)
        await #expect(throws: LedgerStoreError.versionConflict(policy: "p", id: "a", current: 2)) {
            try await store.apply(RecordChange(record: Self.record("a", status: "x", version: 2, lastSeq: 2), expectedVersion: 1,
                                               history: [Self.history(2)], outbox: [Self.entry("k2")]))
        }
        await #expect(throws: LedgerStoreError.unknownRecord(policy: "p", id: "zz")) {
            try await store.apply(RecordChange(record: Self.record("zz", version: 2), expectedVersion: 1))
        }
        let stored = try #require(try await store.record(policy: "p", id: "a"))
        #expect(stored.status == "expired" && stored.version == 2 && stored.lastSeq == 1)
        #expect(try await store.history(policy: "p", id: "a") == [Self.history(1)])
        #expect(try await store.outbox(state: nil, after: 0, limit: 10).map(\.key) == ["k1"])
        try await store.close()
    }

    @Test("a sweep claims exactly the due and the stale records, and the cursor passes records left as they are",
          arguments: StoreFactory.all)
    func claimsDueAndStale(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let records = [
            Self.record("due-past", nextDue: "2026-02-01", digest: "d2"),
            Self.record("due-today", nextDue: "2026-03-01", digest: "d2"),
            Self.record("later", nextDue: "2026-03-02", digest: "d2"),
            Self.record("never", nextDue: nil, digest: "d2"),
            Self.record("stale-a", nextDue: nil, digest: "d1"),
            Self.record("stale-b", nextDue: "2027-01-01", digest: "d3"),
        ]
        _ = try await store.insert(records.map { RecordChange(record: $0, expectedVersion: nil) })
        var cursor = SweepCursor.start
        var seen: [String] = []
        while true {
            // Decides nothing: every claimed record stays due or stale; only the cursor moves on.
            let batch = try await store.claimBatch(policy: "p", digest: "d2", today: LedgerFixtures.date("2026-03-01"),
                                                   limit: 1, after: cursor) { claimed in
                SweepDecision(changes: [], report: claimed.map(\.id))
            }
            if batch.claimed == 0 { break }
            seen += batch.report
            cursor = batch.cursor
        }
        #expect(seen.sorted() == ["due-past", "due-today", "stale-a", "stale-b"])
        try await store.close()
    }

    @Test("changes decided for a claimed batch are written in the batch's transaction", arguments: StoreFactory.all)
    func claimWrites(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        _ = try await store.insert((0..<5).map { RecordChange(record: Self.record("r\($0)", nextDue: "2026-02-01"), expectedVersion: nil) })
        var claimedTotal = 0
        var cursor = SweepCursor.start
        while true {
            let batch = try await store.claimBatch(policy: "p", digest: "d1", today: LedgerFixtures.date("2026-03-01"),
                                                   limit: 2, after: cursor) { claimed in
                let changes = claimed.map { record in
                    var next = record
                    next.status = "expired"
                    next.version += 1
                    next.nextDue = nil
                    next.lastSeq = 1
                    return RecordChange(record: next, expectedVersion: record.version, history: [Self.history(1)],
                                        outbox: [Self.entry("k-\(record.id)", record: record.id)])
                }
                return SweepDecision(changes: changes, report: claimed.count)
            }
            if batch.claimed == 0 { break }
            claimedTotal += batch.report
            cursor = batch.cursor
        }
        #expect(claimedTotal == 5)
        for index in 0..<5 {
            let stored = try #require(try await store.record(policy: "p", id: "r\(index)"))
            #expect(stored.status == "expired" && stored.version == 2 && stored.nextDue == nil)
        }
        #expect(try await store.outbox(state: .pending, after: 0, limit: 100).count == 5)
        try await store.close()
    }

    @Test("outbox entries by key: any state, oldest first, unknown keys left out, more keys than one statement takes",
          arguments: StoreFactory.all)
    func outboxByKeys(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let many = (1...1_200).map { Self.entry("m\($0)", record: "b", seq: $0) }
        _ = try await store.insert([
            RecordChange(record: Self.record("a", lastSeq: 3), expectedVersion: nil,
                         outbox: [Self.entry("k1"), Self.entry("k2", seq: 2), Self.entry("k3", seq: 3)]),
            RecordChange(record: Self.record("b", lastSeq: 1_200), expectedVersion: nil, outbox: many),
        ])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try await store.leaseOutbox(limit: 1, now: now, lease: OutboxLease(owner: "one", until: now.addingTimeInterval(60)))
        #expect(try await store.markDelivered(key: "k1", owner: "one"))
        let found = try await store.outbox(keys: ["k3", "nope", "k1"])
        #expect(found.map(\.key) == ["k1", "k3"])
        #expect(found.map(\.state) == [.delivered, .pending])
        #expect(try await store.outbox(keys: []).isEmpty)
        let all = try await store.outbox(keys: many.map(\.key).reversed())
        #expect(all.map(\.key) == many.map(\.key))
        try await store.close()
    }

    @Test("outbox: leases, delivery, failures with retry times, dead entries and retry-dead", arguments: StoreFactory.all)
    func outboxLifecycle(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        _ = try await store.insert([RecordChange(record: Self.record("a", lastSeq: 3), expectedVersion: nil,
                                                 outbox: [Self.entry("k1"), Self.entry("k2"), Self.entry("k3")])])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try await store.leaseOutbox(limit: 2, now: now, lease: OutboxLease(owner: "one", until: now.addingTimeInterval(60)))
        #expect(first.map(\.key) == ["k1", "k2"])
        // Leased entries are not handed to a second deliverer while the lease runs.
        let second = try await store.leaseOutbox(limit: 5, now: now, lease: OutboxLease(owner: "two", until: now.addingTimeInterval(60)))
        #expect(second.map(\.key) == ["k3"])
        #expect(try await store.markDelivered(key: "k1", owner: "one"))
        #expect(try await store.markDelivered(key: "k1", owner: "one") == false)
        #expect(try await store.markFailed(key: "k2", owner: "one", error: "exit 3", retryAt: now.addingTimeInterval(30)))
        #expect(try await store.markFailed(key: "k3", owner: "two", error: "exit 4", retryAt: nil))
        // k2 waits for its retry time; a lease that ran out frees an entry for another deliverer.
        #expect(try await store.leaseOutbox(limit: 5, now: now.addingTimeInterval(10),
                                            lease: OutboxLease(owner: "three", until: now.addingTimeInterval(20))).isEmpty)
        let retried = try await store.leaseOutbox(limit: 5, now: now.addingTimeInterval(31),
                                                  lease: OutboxLease(owner: "three", until: now.addingTimeInterval(40)))
        #expect(retried.map(\.key) == ["k2"] && retried.first?.attempts == 1 && retried.first?.lastError == "exit 3")
        let afterDeath = try await store.leaseOutbox(limit: 5, now: now.addingTimeInterval(41),
                                                     lease: OutboxLease(owner: "four", until: now.addingTimeInterval(100)))
        #expect(afterDeath.map(\.key) == ["k2"])
        #expect(try await store.outbox(state: .dead, after: 0, limit: 10).map(\.key) == ["k3"])
        #expect(try await store.outbox(state: .delivered, after: 0, limit: 10).map(\.key) == ["k1"])
        #expect(try await store.retryDead(now: now) == 1)
        let back = try await store.outbox(state: .pending, after: 0, limit: 10)
        #expect(back.map(\.key) == ["k2", "k3"])
        #expect(back.last?.attempts == 0)
        try await store.close()
    }
}
