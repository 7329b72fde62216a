import Foundation
@testable import StatuteLedger
import Testing

/// Where a process-level test keeps its store: an SQLite file in the test's folder, or a
/// database of its own on the test PostgreSQL server (dropped when the test is done).
struct ProcessStore: Sendable, CustomStringConvertible {
    let name: String
    let with: @Sendable (URL, @Sendable (String) async throws -> Void) async throws -> Void

    var description: String { name }

    static let sqlite = ProcessStore(name: "sqlite") { folder, body in
        let subfolder = folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
        try await body("sqlite:" + subfolder.appendingPathComponent("ledger.db").path)
    }

    static let postgres = ProcessStore(name: "postgres") { _, body in
        try await PostgresTestServer.withDatabase { url in try await body(url) }
    }

    /// Every store the process-level tests run against.
    static let all: [ProcessStore] = [.sqlite] + (PostgresTestServer.enabled ? [.postgres] : [])
}

/// Faults done for real to `statute ledger` processes, on each store: a sweep killed with
/// SIGKILL, several sweeps at once, a sweep racing `apply` processes, two deliverers.
@Suite("Ledger faults on every store (processes)", .serialized)
struct StoreProcessFaultTests {
    static let policy = LedgerFixtures.certification.path
    /// Every record's expiration is before this date, so a sweep on it changes them all.
    static let sweepDay = "2033-01-01"

    /// Initializes the store and imports `count` Active records through the CLI.
    static func prepare(_ url: String, count: Int, in folder: URL) async throws {
        let initRun = try await StatuteProcess.run(["ledger", "init", "--store", url], in: folder)
        try #require(initRun.status == 0, "\(initRun.stderr)")
        let records = LedgerFixtures.activeRecords(count, firstExpiry: "2024-01-01").joined(separator: "\n") + "\n"
        let imported = try await StatuteProcess.run(["ledger", "import", "--store", url, "--policy", policy, "--today", "2024-01-01", "-"],
                                              in: folder, input: records)
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    static func sweepArguments(_ url: String, batch: Int = 5) -> [String] {
        ["ledger", "sweep", "--store", url, "--policy", policy, "--today", sweepDay, "--batch", String(batch),
         "--busy-timeout", "60", "--format", "json"]
    }

    static func snapshot(_ url: String) async throws -> StoreSnapshot {
        let store = try await StoreOpener.open(StoreLocation(parsing: url))
        let snapshot = try await StoreSnapshot.of(store, policy: "certification")
        try await store.close()
        return snapshot
    }

    /// The same records swept once, start to end, in a store of the same kind.
    static func reference(_ kind: ProcessStore, count: Int, in folder: URL) async throws -> (StoreSnapshot, Int) {
        let result = Box<(StoreSnapshot, Int)>()
        try await kind.with(folder) { url in
            try await prepare(url, count: count, in: folder)
            let whole = try await StatuteProcess.run(sweepArguments(url), in: folder)
            try #require(whole.status == 0, "\(whole.stderr)")
            let changed = LedgerCLITests.json(whole.stdout)["changed"] as? Int ?? -1
            result.value = (try await snapshot(url), changed)
        }
        return try #require(result.value)
    }

    /// The status of one record, read through a store kept open while the test polls.
    static func status(_ store: any LedgerStore, id: String) async -> String? {
        (try? await store.record(policy: "certification", id: id))?.status
    }

    @Test("kill -9 in the middle of a sweep, then sweep again: the same records, history and outbox as one sweep",
          arguments: ProcessStore.all)
    func killedSweep(_ kind: ProcessStore) async throws {
        let folder = try LedgerFixtures.folder("killed-\(kind)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = 3000
        let (uninterrupted, _) = try await Self.reference(kind, count: count, in: folder)
        try await kind.with(folder) { url in
            try await Self.prepare(url, count: count, in: folder)
            let watcher = try await StoreOpener.open(StoreLocation(parsing: url))
            let (process, _, _) = try StatuteProcess.start(Self.sweepArguments(url), in: folder)
            // r00001 is the first record due: once it has expired, the sweep is under way.
            let deadline = Date().addingTimeInterval(120)
            while await Self.status(watcher, id: "r00001") != "expired", process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(2)) }
            kill(process.processIdentifier, SIGKILL)
            await StatuteProcess.wait(process)
            #expect(process.terminationReason == .uncaughtSignal, "the sweep finished before it could be killed")
            var done = 0
            for index in stride(from: 0, to: count, by: 100) {
                if await Self.status(watcher, id: "r" + String(format: "%05d", index)) == "expired" { done += 1 }
            }
            try await watcher.close()
            #expect(done < count / 100, "killed after the sweep had done everything")

            let resumed = try await StatuteProcess.run(Self.sweepArguments(url), in: folder)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let afterKill = try await Self.snapshot(url)
            #expect(afterKill.records.count == count)
            #expect(afterKill == uninterrupted, "\(afterKill) against \(uninterrupted)")
        }
    }

    @Test("three sweeps at once: each change applied once, the same result as one sweep", arguments: ProcessStore.all)
    func concurrentSweeps(_ kind: ProcessStore) async throws {
        let folder = try LedgerFixtures.folder("shared-\(kind)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = 1500
        let (single, singleChanged) = try await Self.reference(kind, count: count, in: folder)
        try await kind.with(folder) { url in
            try await Self.prepare(url, count: count, in: folder)
            let started = try (0..<3).map { index in
                try StatuteProcess.start(Self.sweepArguments(url), in: folder, tag: "sweep\(index)")
            }
            var changed = 0
            for (process, out, err) in started {
                await StatuteProcess.wait(process)
                #expect(process.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
                changed += LedgerCLITests.json((try? String(contentsOf: out, encoding: .utf8)) ?? "")["changed"] as? Int ?? 0
            }
            // Together they changed what one sweep changes (the first record expired at import).
            #expect(changed == singleChanged && changed == count - 1)
            #expect(try await Self.snapshot(url) == single)
        }
    }

    @Test("a sweep racing apply processes on the same records: every request lands, no step is applied twice",
          arguments: ProcessStore.all)
    func sweepRacingApply(_ kind: ProcessStore) async throws {
        let folder = try LedgerFixtures.folder("race-\(kind)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = 400
        try await kind.with(folder) { url in
            try await Self.prepare(url, count: count, in: folder)
            // Every record gets a later explicit expiration date while the sweep runs, from two
            // processes (even and odd ids): some before the sweep reaches the record, some after.
            let requests = (0..<2).map { half in
                stride(from: half, to: count, by: 2).map { index in
                    #"{"id":"r\#(String(format: "%05d", index))","facts":{"expires_on":"2040-01-01"},"actor":"clerk"}"#
                }.joined(separator: "\n") + "\n"
            }
            let sweeper = try StatuteProcess.start(Self.sweepArguments(url), in: folder, tag: "sweep")
            let appliers = try requests.enumerated().map { index, input in
                try StatuteProcess.start(["ledger", "apply", "--store", url, "--policy", Self.policy, "--today", Self.sweepDay,
                                          "--busy-timeout", "60", "-"], in: folder, input: input, tag: "apply\(index)")
            }
            for (process, _, err) in [sweeper] + appliers {
                await StatuteProcess.wait(process)
                #expect(process.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
            }
            var answered = 0
            for (_, out, _) in appliers {
                let answers = LedgerCLITests.jsonLines((try? String(contentsOf: out, encoding: .utf8)) ?? "")
                answered += answers.count
                #expect(answers.allSatisfy { $0["error"] == nil }, "\(answers.filter { $0["error"] != nil })")
            }
            #expect(answered == count)
            let snapshot = try await Self.snapshot(url)
            #expect(snapshot.records.count == count)
            for record in snapshot.records where record.id != "r00000" {
                let history = snapshot.history[record.id] ?? []
                // Nothing lost: the patch is there; nothing doubled: one step per transition at most.
                #expect(FactsJSON.parse(record.facts)["expires_on"] == .string("2040-01-01"), "\(record.id)")
                #expect(Set(history.map(\.transition)).count == history.count, "\(record.id): \(history.map(\.transition))")
                // The version counts the apply and each step-taking change.
                #expect(record.version == 2 + (history.isEmpty ? 0 : 1), "\(record.id) at version \(record.version)")
                // Whoever came first, the record ends evaluated as of the sweep's day.
                #expect(record.status == (history.isEmpty ? "active" : "expired"), "\(record.id) is \(record.status ?? "null")")
            }
            // Each history entry's effects are in the outbox once.
            #expect(Set(snapshot.outbox.map(\.key)).count == snapshot.outbox.count)
        }
    }

    @Test("two deliver processes at once: every entry delivered exactly once, with its key", arguments: ProcessStore.all)
    func twoDeliverers(_ kind: ProcessStore) async throws {
        let folder = try LedgerFixtures.folder("deliver-\(kind)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await kind.with(folder) { url in
            let initRun = try await StatuteProcess.run(["ledger", "init", "--store", url], in: folder)
            try #require(initRun.status == 0, "\(initRun.stderr)")
            let count = 40
            let records = (1...count).map { #"{"id":"c\#($0)","status":"in_progress","facts":{"components.required":1,"components.completed":1}}"# }
            let imported = try await StatuteProcess.run(["ledger", "import", "--store", url, "--policy", Self.policy, "--today", "2026-03-01"],
                                                  in: folder, input: records.joined(separator: "\n"))
            try #require(imported.status == 0, "\(imported.stderr)")

            let receiver = folder.appendingPathComponent("received")
            let command = #"read -r line; echo "$STATUTE_IDEMPOTENCY_KEY $STATUTE_EFFECT $STATUTE_RECORD" >> '\#(receiver.path)'; sleep 0.02"#
            let both = try (0..<2).map { index in
                try StatuteProcess.start(["ledger", "deliver", "--store", url, "--exec", command, "--once", "--jobs=\(index + 1)"],
                                         in: folder, tag: "deliver\(index)")
            }
            for (process, _, err) in both {
                await StatuteProcess.wait(process)
                #expect(process.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
            }
            let lines = try String(contentsOf: receiver, encoding: .utf8).split(separator: "\n")
            let listed = try await StatuteProcess.run(["ledger", "outbox", "--store", url, "--state", "delivered", "--format", "json"], in: folder)
            let delivered = LedgerCLITests.jsonLines(listed.stdout)
            #expect(delivered.count == count)
            #expect(lines.count == count, "each entry handed over once: \(lines.count) deliveries of \(count) entries")
            #expect(Set(lines.map { String($0.split(separator: " ")[0]) }) == Set(delivered.compactMap { $0["key"] as? String }))
            #expect(lines.allSatisfy { $0.contains(" issue_certificate c") })
        }
    }
}

/// A value set inside a closure and read after it.
final class Box<T>: @unchecked Sendable {
    var value: T?
}
