import Foundation
import StatuteLedger
import Testing

/// `statute ledger` processes given a PostgreSQL store or a webhook URL they cannot use.
@Suite("Ledger faults on PostgreSQL (processes)", .serialized,
       .enabled(if: PostgresTestServer.enabled, "no PostgreSQL server (STATUTE_TEST_POSTGRES)"))
struct PostgresProcessFaultTests {
    static let policy = LedgerFixtures.certification.path
    static let sweepDay = "2033-01-01"

    /// Initializes the store at `url` and imports `count` Active records through the CLI.
    static func prepare(_ url: String, count: Int, in folder: URL) throws {
        let initRun = try StatuteProcess.run(["ledger", "init", "--store", url], in: folder)
        try #require(initRun.status == 0, "\(initRun.stderr)")
        let records = LedgerFixtures.activeRecords(count, firstExpiry: "2024-01-01").joined(separator: "\n") + "\n"
        let imported = try StatuteProcess.run(["ledger", "import", "--store", url, "--policy", policy, "--today", "2024-01-01", "-"],
                                              in: folder, input: records)
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    static func sweepArguments(_ url: String, batch: Int = 5) -> [String] {
        ["ledger", "sweep", "--store", url, "--policy", policy, "--today", sweepDay, "--batch", String(batch),
         "--format", "json"]
    }

    /// Records, history and outbox, the outbox by key (sweeps at once commit in any order).
    static func snapshot(_ url: String) async throws -> StoreSnapshot {
        let store = try await StoreOpener.open(StoreLocation(parsing: url))
        var snapshot = try await StoreSnapshot.of(store, policy: "certification")
        snapshot.outbox.sort { $0.key < $1.key }
        try await store.close()
        return snapshot
    }

    /// The reference: the same records swept once, start to end.
    static func reference(count: Int, in folder: URL) async throws -> StoreSnapshot {
        try await PostgresTestServer.withDatabase { url in
            try prepare(url, count: count, in: folder)
            let whole = try StatuteProcess.run(sweepArguments(url), in: folder)
            try #require(whole.status == 0, "\(whole.stderr)")
            return try await snapshot(url)
        }
    }

    static func expiredCount(_ url: String) async throws -> Int {
        let store = try await StoreOpener.open(StoreLocation(parsing: url))
        var count = 0
        var after: String?
        while true {
            let page = try await store.records(policy: "certification", after: after, limit: 1000)
            guard let last = page.last else { break }
            count += page.filter { $0.status == "expired" }.count
            after = last.id
        }
        try await store.close()
        return count
    }

    @Test("a malformed webhook URL: exit 2 and one line")
    func badWebhook() throws {
        let folder = try LedgerFixtures.folder("pg-bad-webhook")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = "sqlite:" + folder.appendingPathComponent("ledger.db").path
        #expect(try StatuteProcess.run(["ledger", "init", "--store", store], in: folder).status == 0)
        let run = try StatuteProcess.run(["ledger", "deliver", "--store", store, "--webhook", "ftp://example.com/x", "--once"],
                                         in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("malformed webhook URL 'ftp://example.com/x': the scheme must be http or https"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test("a malformed or unreachable PostgreSQL store: exit 2 and one line, the password hidden")
    func badStores() throws {
        let folder = try LedgerFixtures.folder("pg-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (url, expected) in [
            ("postgres://statute:hunter2@127.0.0.1:1/statute", "cannot connect to the PostgreSQL store postgres://statute:***@127.0.0.1:1/statute"),
            ("postgres://statute:hunter2@127.0.0.1:99999/statute", "malformed store URL 'postgres://statute:***@127.0.0.1:99999/statute'"),
        ] {
            let run = try StatuteProcess.run(["ledger", "init", "--store", url], in: folder)
            #expect(run.status == 2)
            #expect(run.stderr.contains(expected), "\(run.stderr)")
            #expect(!run.stderr.contains("hunter2"))
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }
}
