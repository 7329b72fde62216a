import Foundation
import GRDB
import Statute
@testable import StatuteLedger
import Testing

/// What only the SQLite store has: its query plans, its schema versions, its locks.
@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test("every sweep query searches an index range; none scans the records table")
    func sweepQueriesUseIndexes() async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ledger.db").path)
        _ = try await store.migrate()
        // Enough rows, and statistics, for the planner to choose as it will on a real store.
        let ledger = Ledger(store: store, policy: try LedgerFixtures.policy(), now: LedgerFixtures.clock)
        _ = try await ledger.importLines(LedgerFixtures.lines(LedgerFixtures.activeRecords(300)), today: LedgerFixtures.date("2026-03-01"))
        try await store.pool.write { db in try db.execute(sql: "ANALYZE") }
        let plans = try await store.sweepQueryPlans()
        #expect(plans.count == 3)
        for plan in plans {
            #expect(plan.contains("SEARCH ledger_records USING") && plan.contains("INDEX"), "\(plan)")
            #expect(!plan.contains("SCAN ledger_records"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "the order comes from the index: \(plan)")
        }
        try await store.close()
    }

    @Test("a store written by a newer statute is refused and left as it is")
    func newerSchemaRefused() async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.db").path
        let store = try SQLiteStore(path: path)
        _ = try await store.migrate()
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO ledger_schema (version) VALUES (?)", arguments: [SQLiteStore.schemaVersion + 1])
        }
        await #expect(throws: LedgerStoreError.newerSchema(found: SQLiteStore.schemaVersion + 1, supported: SQLiteStore.schemaVersion)) {
            try await store.migrate()
        }
        #expect(try await store.storedSchemaVersion() == SQLiteStore.schemaVersion + 1)
        try await store.close()
    }

    @Test("store URLs: sqlite paths, PostgreSQL passwords hidden when shown, anything else a clear error")
    func storeURLs() throws {
        #expect(try StoreLocation(parsing: "sqlite:statute.db") == .sqlite(path: "statute.db"))
        #expect(try StoreLocation(parsing: "sqlite:///tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        #expect(try StoreLocation(parsing: "postgres://u:secret@h:5432/db").description == "postgres://u:***@h:5432/db")
        #expect(throws: LedgerStoreError.self) { try StoreLocation(parsing: "sqlite:") }
        #expect(throws: LedgerStoreError.self) { try StoreLocation(parsing: "mysql://x") }
    }
}
