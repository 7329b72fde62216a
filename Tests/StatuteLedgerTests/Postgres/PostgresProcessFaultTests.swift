import Foundation
import StatuteLedger
import Testing

/// `statute ledger` processes given a PostgreSQL store or a webhook URL they cannot use.
@Suite("Ledger faults on PostgreSQL (processes)", .serialized,
       .enabled(if: PostgresTestServer.enabled, "no PostgreSQL server (STATUTE_TEST_POSTGRES)"))
struct PostgresProcessFaultTests {
    static let policy = LedgerFixtures.certification.path
    static let sweepDay = "2033-01-01"

    @Test("PostgreSQL going down mid-sweep: exit 2 with one clear line; after a restart the next sweep finishes as one sweep would")
    func serverRestartedMidSweep() async throws {
        let folder = try LedgerFixtures.folder("pg-restart")
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = 3000
        let (uninterrupted, _) = try await StoreProcessFaultTests.reference(.postgres, count: count, in: folder)
        // A server of this test's own: stopping it cannot disturb the other suites.
        let cluster = try PrivatePostgresCluster()
        defer { cluster.remove() }
        let url = cluster.url
        try await StoreProcessFaultTests.prepare(url, count: count, in: folder)
        let watcher = try await StoreOpener.open(StoreLocation(parsing: url))
        let (process, _, errURL) = try StatuteProcess.start(StoreProcessFaultTests.sweepArguments(url), in: folder)
        let deadline = Date().addingTimeInterval(120)
        while await StoreProcessFaultTests.status(watcher, id: "r00001") != "expired", process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(2))
        }
        try await watcher.close()
        // The server stops (fast: open transactions are rolled back) while the sweep runs.
        try cluster.command("stop")
        let ended = await StatuteProcess.wait(process, timeout: .seconds(90))
        #expect(ended, "the sweep ended within 90 s of its server stopping")
        if ended {
            let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 2, "\(stderr)")
            #expect(stderr.contains("PostgreSQL store postgres://statute:***@127.0.0.1:\(cluster.port)/statute"), "\(stderr)")
            #expect(stderr.split(separator: "\n").count == 1, "one readable line: \(stderr)")
        } else {
            kill(process.processIdentifier, SIGKILL)
            await StatuteProcess.wait(process)
        }

        try cluster.command("start")
        let resumed = try await StatuteProcess.run(StoreProcessFaultTests.sweepArguments(url), in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let afterRestart = try await StoreProcessFaultTests.snapshot(url)
        #expect(afterRestart.records.count == count)
        #expect(afterRestart == uninterrupted, "\(afterRestart) against \(uninterrupted)")
    }

    @Test("every way out of a command closes its PostgreSQL connections first (debug builds check it)")
    func everyExitClosesTheStore() async throws {
        let folder = try LedgerFixtures.folder("pg-exits")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await PostgresTestServer.withDatabase { url in
            try await StoreProcessFaultTests.prepare(url, count: 20, in: folder)
            let policy = Self.policy
            let runs: [(arguments: [String], input: String, status: Set<Int32>)] = [
                (["ledger", "sweep", "--store", url, "--policy", policy, "--today", Self.sweepDay], "", [0]),
                (["ledger", "show", "--store", url, "--policy", "certification", "r00003"], "", [0]),
                (["ledger", "show", "--store", url, "--policy", "certification", "nobody"], "", [2]),
                (["ledger", "apply", "--store", url, "--policy", policy, "-"], "not json\n", [1]),
                (["ledger", "import", "--store", url, "--policy", policy, "-"], #"{"id":"r00001"}"# + "\n", [1]),
                (["ledger", "export", "--store", url, "--policy", "certification"], "", [0]),
                (["ledger", "outbox", "--store", url], "", [0]),
                (["ledger", "deliver", "--store", url, "--exec", "true", "--once"], "", [0]),
                (["ledger", "init", "--store", url], "", [0]),
                (["impact", "--store", url, "--policy", policy, "--candidate-setting", "expiring_notice_days=30",
                  "--today", "2024-06-01"], "", [0, 1]),
                (["ledger", "sweep", "--store", url, "--policy", "/nonexistent.yaml"], "", [2]),
            ]
            for run in runs {
                let done = try await StatuteProcess.run(run.arguments, in: folder, input: run.input)
                #expect(run.status.contains(done.status), "\(run.arguments.prefix(2)): \(done.stderr)")
                #expect(!done.stderr.contains("Fatal error") && !done.stderr.contains("deinitialized"),
                        "\(run.arguments.prefix(2)): \(done.stderr)")
            }
        }
    }

    @Test("a malformed webhook URL: exit 2 and one line")
    func badWebhook() async throws {
        let folder = try LedgerFixtures.folder("pg-bad-webhook")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = "sqlite:" + folder.appendingPathComponent("ledger.db").path
        #expect(try await StatuteProcess.run(["ledger", "init", "--store", store], in: folder).status == 0)
        let run = try await StatuteProcess.run(["ledger", "deliver", "--store", store, "--webhook", "ftp://example.com/x", "--once"],
                                         in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("malformed webhook URL 'ftp://example.com/x': the scheme must be http or https"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test("a malformed or unreachable PostgreSQL store: exit 2 and one line, the password hidden")
    func badStores() async throws {
        let folder = try LedgerFixtures.folder("pg-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (url, expected) in [
            ("postgres://statute:hunter2@127.0.0.1:1/statute", "cannot connect to the PostgreSQL store postgres://statute:***@127.0.0.1:1/statute"),
            ("postgres://statute:hunter2@127.0.0.1:99999/statute", "malformed store URL 'postgres://statute:***@127.0.0.1:99999/statute'"),
        ] {
            let run = try await StatuteProcess.run(["ledger", "init", "--store", url], in: folder)
            #expect(run.status == 2)
            #expect(run.stderr.contains(expected), "\(run.stderr)")
            #expect(!run.stderr.contains("hunter2"))
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }
}
