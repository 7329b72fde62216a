import Foundation
import StatuteLedger
import Synchronization
import Testing

/// PostgreSQL restarted in the middle of a sweep, on a cluster of the test's own: the sweep
/// stops with one clear line, nothing half-applied is visible, and the next sweep finishes
/// the work with each change applied exactly once.
@Suite(.enabled(if: PrivatePostgresCluster.possible, "needs the PostgreSQL server binaries and root"))
struct PostgresRestartTests {
    typealias Fixtures = StoreLevelFixtures

    @Test func aRestartMidSweepIsAClearErrorAndTheNextSweepFinishes() async throws {
        let cluster = try PrivatePostgresCluster()
        defer { cluster.remove() }
        let store = try await PostgresStore.open(url: cluster.url)
        _ = try await store.migrate()
        _ = try await store.insert((0..<300).map { Fixtures.newRecord("D-\($0)", due: "2026-02-01") })

        // The third batch restarts the server while its transaction is open.
        let batches = Mutex(0)
        let restarted = Mutex(false)
        let error = await #expect(throws: LedgerStoreError.self) {
            _ = try await Fixtures.sweep(store, batch: 20) {
                let number = batches.withLock { $0 += 1; return $0 }
                guard number == 3 else { return }
                do {
                    try cluster.command("restart")
                    restarted.withLock { $0 = true }
                } catch {
                    Issue.record("could not restart PostgreSQL: \(error)")
                }
            }
        }
        #expect(restarted.withLock { $0 })
        let message = error.map(String.init(describing:)) ?? ""
        #expect(message.contains("PostgreSQL store postgres://statute:***@127.0.0.1:\(cluster.port)/statute"), "\(message)")
        #expect(!message.contains("\n"), "\(message)")
        #expect(!message.contains(":statute@"), "the password is shown: \(message)")

        // Two batches were committed before the restart; the third was rolled back whole.
        var expired = 0
        for number in 0..<300 {
            let record = try #require(try await store.record(policy: Fixtures.policy, id: "D-\(number)"))
            let history = try await store.history(policy: Fixtures.policy, id: "D-\(number)")
            #expect(history.count == record.version - 1)
            if record.status == "expiring" { expired += 1 }
        }
        #expect(expired == 40)

        // The same store object reconnects; the next sweep does the rest, once.
        #expect(try await Fixtures.sweep(store, batch: 20) == 260)
        #expect(try await Fixtures.sweep(store, batch: 20) == 0)
        _ = try await PostgresStoreTests.checkEachRecordChangedOnce(store, count: 300)
        try await store.close()
    }
}
