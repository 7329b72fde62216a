import Foundation
import Statute
@testable import StatuteLedger
import Testing

/// Writers racing on one SQLite file through separate connection pools, as separate
/// processes would.
@Suite("Ledger concurrency")
struct ConcurrencyTests {
    @Test("a sweep racing apply on the same records: every request lands, no step is applied twice")
    func sweepRacingApply() async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.db").path
        let setup = try SQLiteStore(path: path)
        _ = try await setup.migrate()
        let count = 200
        let importer = Ledger(store: setup, policy: try LedgerFixtures.policy(), now: LedgerFixtures.clock)
        _ = try await importer.importLines(LedgerFixtures.lines(LedgerFixtures.activeRecords(count)), today: LedgerFixtures.date("2026-03-01"))
        try await setup.close()

        let today = LedgerFixtures.date("2026-06-01")
        let sweeper = Ledger(store: try SQLiteStore(path: path, options: StoreOptions(busyTimeout: 30)),
                             policy: try LedgerFixtures.policy(), now: LedgerFixtures.clock)
        let applier = Ledger(store: try SQLiteStore(path: path, options: StoreOptions(busyTimeout: 30)),
                             policy: try LedgerFixtures.policy(), now: LedgerFixtures.clock)
        // Every record gets a new explicit expiration date while the sweep runs: some before
        // the sweep reaches them, some after.
        async let swept = sweeper.sweep(today: today, batch: 5)
        var answers: [LedgerAnswer] = []
        for index in 0..<count {
            let line = #"{"id":"r\#(String(format: "%05d", index))","facts":{"expires_on":"2027-01-01"},"actor":"clerk"}"#
            answers.append(try await applier.applyLine(LedgerLine(number: index + 1, bytes: Array(line.utf8)), today: today))
        }
        _ = try await swept
        #expect(answers.allSatisfy { !$0.isError })
        let store = applier.store
        for index in 0..<count {
            let id = "r" + String(format: "%05d", index)
            let record = try #require(try await store.record(policy: "certification", id: id))
            let history = try await store.history(policy: "certification", id: id)
            // Nothing lost: the patch is there; nothing doubled: one step per transition at most.
            #expect(FactsJSON.parse(record.facts)["expires_on"] == .string("2027-01-01"))
            #expect(Set(history.map(\.transition)).count == history.count)
            #expect(history.enumerated().allSatisfy { $0.offset + 1 == $0.element.seq })
            // The version counts the apply and each step-taking change.
            #expect(record.version == 2 + (history.isEmpty ? 0 : 1))
            // Whoever came last, the record ends evaluated as of today.
            #expect(record.status == (history.isEmpty ? "active" : "expired"))
        }
        try await sweeper.store.close()
        try await applier.store.close()
    }
}
