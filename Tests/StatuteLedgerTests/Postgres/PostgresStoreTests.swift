import Foundation
import PostgresNIO
import StatuteLedger
import Testing

/// The PostgreSQL store against a real server: schema versions, the sweep's index use
/// (`EXPLAIN`), sweepers sharing due records (`FOR UPDATE SKIP LOCKED`), deliverers sharing
/// the outbox, and errors that name what went wrong.
@Suite(.enabled(if: PostgresTestServer.enabled, "no PostgreSQL server (STATUTE_TEST_POSTGRES)"))
struct PostgresStoreTests {
    /// A lock wait long enough for a test suite running in parallel on two loaded cores;
    /// the busy timeout's own error is tested with the default elsewhere.
    static let patient = StoreOptions(busyTimeout: 60)

    typealias Fixtures = StoreLevelFixtures

    @Test func migrationIsIdempotentAndStoresItsVersion() async throws {
        try await PostgresTestServer.withDatabase { url in
            let store = try await PostgresStore.open(url: url, options: Self.patient)
            #expect(try await store.storedSchemaVersion() == 0)
            #expect(try await store.migrate() == PostgresStore.schemaVersion)
            #expect(try await store.migrate() == PostgresStore.schemaVersion)
            #expect(try await store.storedSchemaVersion() == PostgresStore.schemaVersion)
            try await store.close()
        }
    }

    @Test func twoMigrationsAtOnceTakeTurns() async throws {
        try await PostgresTestServer.withDatabase { url in
            let stores = [try await PostgresStore.open(url: url, options: Self.patient),
                          try await PostgresStore.open(url: url, options: Self.patient)]
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(versions == [PostgresStore.schemaVersion, PostgresStore.schemaVersion])
            for store in stores { try await store.close() }
        }
    }

    @Test func aStoreFromANewerBinaryIsRefusedAndLeftAsItWas() async throws {
        try await PostgresTestServer.withDatabase { url in
            let store = try await PostgresStore.open(url: url, options: Self.patient)
            _ = try await store.migrate()
            try await PostgresTestServer.administer(try PostgresStoreURL(parsing: url)) { connection, logger in
                try await connection.query("INSERT INTO ledger_schema (version) VALUES (99)", logger: logger)
            }
            await #expect(throws: LedgerStoreError.newerSchema(found: 99, supported: PostgresStore.schemaVersion)) {
                try await store.migrate()
            }
            #expect(try await store.storedSchemaVersion() == 99)
            try await store.close()
        }
    }

    @Test func aStoreWithoutTheSchemaAsksForInit() async throws {
        try await PostgresTestServer.withDatabase { url in
            let store = try await PostgresStore.open(url: url, options: Self.patient)
            await #expect(throws: LedgerStoreError.notInitialized) {
                try await store.record(policy: Fixtures.policy, id: "A-1")
            }
            try await store.close()
        }
    }

    /// With thousands of records of which few are due or stale, every phase of the sweep
    /// reads one of the sweep's indexes and never scans the table.
    @Test func theSweepReadsOnlyDueAndStaleRecordsThroughItsIndexes() async throws {
        try await PostgresTestServer.withDatabase { url in
            let store = try await PostgresStore.open(url: url, options: Self.patient)
            _ = try await store.migrate()
            var changes: [RecordChange] = []
            for number in 0..<5000 {
                let id = "R-\(number)"
                let change: RecordChange = switch number % 200 {
                case 0: Fixtures.newRecord(id, due: "2026-02-01")
                case 1: Fixtures.newRecord(id, due: "2027-01-01", digest: "sha256:older")
                default: Fixtures.newRecord(id, due: number % 2 == 0 ? nil : "2027-06-01")
                }
                changes.append(change)
            }
            _ = try await store.insert(changes)
            try await PostgresTestServer.administer(try PostgresStoreURL(parsing: url)) { connection, logger in
                try await connection.query("ANALYZE ledger_records", logger: logger)
            }
            let plans = try await store.sweepQueryPlans(policy: Fixtures.policy, digest: Fixtures.digest,
                                                        today: Fixtures.today)
            #expect(plans.count == 3)
            for plan in plans {
                #expect(!plan.contains("Seq Scan"), "\(plan)")
                #expect(plan.contains("LockRows"), "\(plan)")
            }
            #expect(plans[0].contains("ledger_records_digest"), "\(plans[0])")
            #expect(plans[1].contains("ledger_records_digest"), "\(plans[1])")
            #expect(plans[2].contains("ledger_records_due"), "\(plans[2])")
            // And the sweep finds exactly the due and the stale records.
            #expect(try await Fixtures.sweep(store, batch: 7) == 50)
            #expect(try await Fixtures.sweep(store, batch: 7) == 0)
            try await store.close()
        }
    }

    /// Three sweepers, each with its own connections, at once: every due record is changed
    /// exactly once (one history entry, one outbox entry, version 2), and they shared the work.
    @Test func concurrentSweepersShareDueRecordsAndApplyEachChangeOnce() async throws {
        try await PostgresTestServer.withDatabase { url in
            let setup = try await PostgresStore.open(url: url, options: Self.patient)
            _ = try await setup.migrate()
            _ = try await setup.insert((0..<600).map { Fixtures.newRecord("D-\($0)", due: "2026-02-\(10 + $0 % 18)") })
            let sweepers = ["sweeper-1", "sweeper-2", "sweeper-3"]
            let counts = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for name in sweepers {
                    group.addTask {
                        let store = try await PostgresStore.open(url: url, options: Self.patient)
                        let changed = try await Fixtures.sweep(store, batch: 5, actor: name) { usleep(2_000) }
                        try await store.close()
                        return (name, changed)
                    }
                }
                return try await group.reduce(into: [String: Int]()) { $0[$1.0] = $1.1 }
            }
            #expect(counts.values.reduce(0, +) == 600)
            #expect(counts.values.filter { $0 > 0 }.count >= 2, "the sweepers did not share the work: \(counts)")
            let actors = try await Self.checkEachRecordChangedOnce(setup, count: 600)
            #expect(actors == counts.filter { $0.value > 0 }.mapValues { $0 })
            try await setup.close()
        }
    }

    /// Deliverers at once lease disjoint entries; a lease that ran out is taken again.
    @Test func concurrentLeasesNeverHandOutAnEntryTwice() async throws {
        try await PostgresTestServer.withDatabase { url in
            let store = try await PostgresStore.open(url: url, options: Self.patient)
            _ = try await store.migrate()
            _ = try await store.insert((0..<200).map { Fixtures.newRecord("O-\($0)", due: "2026-02-01") })
            #expect(try await Fixtures.sweep(store, batch: 50) == 200)
            let now = Date()
            let leased = try await withThrowingTaskGroup(of: [String].self) { group in
                for owner in ["a", "b", "c", "d"] {
                    group.addTask {
                        let own = try await PostgresStore.open(url: url, options: Self.patient)
                        var keys: [String] = []
                        while true {
                            let entries = try await own.leaseOutbox(
                                limit: 7, now: now, lease: OutboxLease(owner: owner, until: now + 60))
                            if entries.isEmpty { break }
                            keys += entries.map(\.key)
                        }
                        try await own.close()
                        return keys
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(leased.count == 200)
            #expect(Set(leased).count == 200)
            // Nothing is left to lease while the leases run; after they ran out, all are.
            #expect(try await store.leaseOutbox(limit: 500, now: now, lease: OutboxLease(owner: "e", until: now + 60)).isEmpty)
            let later = now + 61
            #expect(try await store.leaseOutbox(limit: 500, now: later, lease: OutboxLease(owner: "e", until: later + 60)).count == 200)
            try await store.close()
        }
    }

    @Test func anUnreachableServerIsOneClearLine() async throws {
        let error = await #expect(throws: LedgerStoreError.self) {
            try await PostgresStore.open(url: "postgres://statute:secret@127.0.0.1:1/statute")
        }
        let message = error.map(String.init(describing:)) ?? ""
        #expect(message.hasPrefix("cannot connect to the PostgreSQL store postgres://statute:***@127.0.0.1:1/statute"), "\(message)")
        #expect(!message.contains("secret"))
        #expect(!message.contains("\n"))
    }

    @Test func aWrongPasswordIsOneClearLine() async throws {
        guard let base = PostgresTestServer.baseURL else { throw PostgresTestServerError.noServer }
        var url = try PostgresStoreURL(parsing: base)
        url.password = "not-the-password"
        let text = "postgres://\(url.user):not-the-password@\(url.host):\(url.port)/\(url.database)"
        let error = await #expect(throws: LedgerStoreError.self) { try await PostgresStore.open(url: text) }
        let message = error.map(String.init(describing:)) ?? ""
        #expect(message.contains("refused the login of `\(url.user)`"), "\(message)")
        #expect(!message.contains("not-the-password"))
    }

    @Test func aMissingDatabaseIsNamed() async throws {
        guard let base = PostgresTestServer.baseURL else { throw PostgresTestServerError.noServer }
        var url = try PostgresStoreURL(parsing: base)
        url.database = "no_such_database_here"
        let text = "postgres://\(url.user):\(url.password ?? "")@\(url.host):\(url.port)/\(url.database)"
        let error = await #expect(throws: LedgerStoreError.self) { try await PostgresStore.open(url: text) }
        #expect(error.map(String.init(describing:))?.contains("no database `no_such_database_here`") == true)
    }

    /// Checks every record `D-0` … was changed exactly once; returns how many each actor changed.
    static func checkEachRecordChangedOnce(_ store: any LedgerStore, count: Int,
                                           prefix: String = "D-") async throws -> [String: Int] {
        var actors: [String: Int] = [:]
        for number in 0..<count {
            let id = "\(prefix)\(number)"
            let record = try #require(try await store.record(policy: StoreLevelFixtures.policy, id: id))
            #expect(record.version == 2, "\(id)")
            #expect(record.status == "expiring", "\(id)")
            let history = try await store.history(policy: StoreLevelFixtures.policy, id: id)
            #expect(history.count == 1, "\(id): \(history.count) history entries")
            for entry in history { actors[entry.actor, default: 0] += 1 }
        }
        let outbox = try await store.outbox(state: nil, after: 0, limit: count * 2)
        #expect(outbox.count == count)
        #expect(Set(outbox.map(\.key)).count == count)
        return actors
    }
}
