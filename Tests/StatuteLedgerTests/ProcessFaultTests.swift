import Dispatch
import Foundation
import GRDB
import Statute
import StatuteLedger
import Testing

/// Faults done for real to `statute ledger` processes on SQLite files: a full disk, a file
/// locked by another process past the busy timeout. (Faults that every store must survive
/// are in ``StoreProcessFaultTests``.)
@Suite("Ledger faults (processes)", .serialized)
struct ProcessFaultTests {
    static let policy = LedgerFixtures.certification.path
    /// Every record's expiration is before this date, so a sweep on it changes them all.
    static let sweepDay = "2033-01-01"

    /// A store in `folder` with `count` Active records imported through the CLI.
    static func prepare(_ folder: URL, count: Int) async throws -> String {
        let store = "sqlite:" + folder.appendingPathComponent("ledger.db").path
        let initRun = try await StatuteProcess.run(["ledger", "init", "--store", store], in: folder)
        try #require(initRun.status == 0, "\(initRun.stderr)")
        let records = LedgerFixtures.activeRecords(count, firstExpiry: "2024-01-01").joined(separator: "\n") + "\n"
        let imported = try await StatuteProcess.run(["ledger", "import", "--store", store, "--policy", policy, "--today", "2024-01-01", "-"],
                                              in: folder, input: records)
        try #require(imported.status == 0, "\(imported.stderr)")
        return store
    }

    /// Copies the store file (and any WAL beside it) to another folder.
    static func copyStore(from source: URL, to target: URL) throws {
        for suffix in ["", "-wal", "-shm"] {
            let from = source.appendingPathComponent("ledger.db" + suffix)
            if FileManager.default.fileExists(atPath: from.path) {
                try FileManager.default.copyItem(at: from, to: target.appendingPathComponent("ledger.db" + suffix))
            }
        }
    }

    static func snapshot(_ folder: URL) async throws -> StoreSnapshot {
        let store = try SQLiteStore(path: folder.appendingPathComponent("ledger.db").path)
        let snapshot = try await StoreSnapshot.of(store, policy: "certification")
        try await store.close()
        return snapshot
    }

    func sweep(_ store: String, in folder: URL, batch: Int = 5) async throws -> StatuteProcess.Run {
        try await StatuteProcess.run(["ledger", "sweep", "--store", store, "--policy", Self.policy, "--today", Self.sweepDay,
                                "--batch", String(batch), "--busy-timeout", "60", "--format", "json"], in: folder)
    }

    @Test("a store locked by another process past --busy-timeout: exit 2 with one clear line, nothing written")
    func lockedPastBusyTimeout() async throws {
        let folder = try LedgerFixtures.folder("locked")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await Self.prepare(folder, count: 20)
        let before = try await Self.snapshot(folder)

        // Another writer holds the file's write lock (a transaction begun IMMEDIATE) until told to stop.
        let holder = try DatabaseQueue(path: folder.appendingPathComponent("ledger.db").path)
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? holder.inTransaction(.immediate) { _ in
                locked.signal()
                release.wait()
                return .rollback
            }
            finished.signal()
        }
        locked.wait()
        let attempts = [
            try await StatuteProcess.run(["ledger", "sweep", "--store", store, "--policy", Self.policy, "--today", Self.sweepDay,
                                    "--busy-timeout", "1"], in: folder),
            try await StatuteProcess.run(["ledger", "apply", "--store", store, "--policy", Self.policy, "--today", Self.sweepDay,
                                    "--busy-timeout", "0.5", "-"], in: folder,
                                   input: #"{"id":"r00003","facts":{"expires_on":"2040-01-01"}}"# + "\n"),
        ]
        release.signal()
        finished.wait()
        for (run, seconds) in zip(attempts, ["1", "0.5"]) {
            #expect(run.status == 2, "\(run.stdout) \(run.stderr)")
            #expect(run.stderr.contains("stayed locked by another process for more than \(seconds) s (--busy-timeout)"), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "one readable line: \(run.stderr)")
        }
        #expect(try await Self.snapshot(folder) == before)
        // Once the lock is gone, the sweep runs.
        let swept = try await sweep(store, in: folder)
        #expect(swept.status == 0, "\(swept.stderr)")
    }

    @Test("a full disk: exit 2 with a clear message, no record half-applied, and the next sweep finishes",
          .enabled(if: TmpfsMount.permitted, "mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN)"))
    func fullDisk() async throws {
        let mount = try TmpfsMount(megabytes: 6)
        defer { mount.unmount() }
        let reference = try LedgerFixtures.folder("reference")
        defer { try? FileManager.default.removeItem(at: reference) }
        let count = 1500
        let store = try await Self.prepare(mount.folder, count: count)
        try Self.copyStore(from: mount.folder, to: reference)
        let before = try await Self.snapshot(mount.folder)
        let whole = try await sweep("sqlite:" + reference.appendingPathComponent("ledger.db").path, in: reference)
        #expect(whole.status == 0)
        let after = try await Self.snapshot(reference)

        // Leave about 48 KiB free: far less than the sweep writes.
        let filler = try mount.fill(leaving: 48 * 1024)
        let failed = try await sweep(store, in: reference, batch: 20)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("full"), "\(failed.stderr)")
        #expect(failed.stderr.split(separator: "\n").count == 1, "one readable line: \(failed.stderr)")
        try FileManager.default.removeItem(at: filler)

        // Every record is wholly before or wholly after its batch.
        let partial = try await Self.snapshot(mount.folder)
        for record in partial.records {
            let old = before.records.first { $0.id == record.id }, new = after.records.first { $0.id == record.id }
            let untouched = record == old && partial.history[record.id] == before.history[record.id]
            let applied = record == new && partial.history[record.id] == after.history[record.id]
            #expect(untouched || applied, "record \(record.id) is half-applied")
        }
        let resumed = try await sweep(store, in: reference)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try await Self.snapshot(mount.folder) == after)
    }
}

/// A small tmpfs mounted for one test: a disk that really fills up.
struct TmpfsMount {
    let folder: URL

    /// Whether this process may mount a tmpfs (tried once, on a throwaway folder).
    static let permitted: Bool = {
        guard let folder = try? LedgerFixtures.folder("mount-probe") else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard shell("mount -t tmpfs -o size=1m tmpfs '\(folder.path)'") == 0 else { return false }
        _ = shell("umount '\(folder.path)'")
        return true
    }()

    init(megabytes: Int) throws {
        folder = try LedgerFixtures.folder("tmpfs")
        guard Self.shell("mount -t tmpfs -o size=\(megabytes)m tmpfs '\(folder.path)'") == 0 else {
            throw LedgerTestError("cannot mount a tmpfs on \(folder.path)")
        }
    }

    /// Writes a file that leaves about `bytes` free.
    func fill(leaving bytes: Int) throws -> URL {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { throw LedgerTestError("statvfs failed") }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let filler = folder.appendingPathComponent("filler")
        try Data(count: max(0, free - bytes)).write(to: filler)
        return filler
    }

    func unmount() {
        _ = Self.shell("umount '\(folder.path)'")
        try? FileManager.default.removeItem(at: folder)
    }

    @discardableResult
    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>/dev/null"]
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
