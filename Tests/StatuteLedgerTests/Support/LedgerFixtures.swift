import Foundation
import Statute
import StatuteLedger

/// Paths, policies and records shared by the ledger tests.
enum LedgerFixtures {
    /// The package's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The shipped default policy.
    static let certification = root.appendingPathComponent("policies/certification.yaml")

    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// A fresh folder under the temporary directory, removed by `cleanup`.
    static func folder(_ name: String = "ledger") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("statute-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The ledger policy of a file, with settings.
    static func policy(_ url: URL = certification, settings: [String: Value] = [:]) throws -> LedgerPolicy {
        let bytes = [UInt8](try Data(contentsOf: url))
        let loaded = PolicyLoader.load(bytes: bytes, file: url.path)
        guard let compiled = loaded.policy else {
            throw LedgerTestError("the policy \(url.lastPathComponent) does not load: \(loaded.diagnostics.map(\.message))")
        }
        return LedgerPolicy(maker: try DecisionMaker(policy: compiled, settings: settings), policyBytes: bytes)
    }

    /// `count` Active certifications, completed on consecutive days so that their
    /// expiration dates (12 months later) fall one a day from `firstExpiry` on.
    static func activeRecords(_ count: Int, firstExpiry: String = "2026-03-02", prefix: String = "r") -> [String] {
        let first = date(firstExpiry)
        return (0..<count).map { index in
            let expires = CalendarDate(daysSinceEpoch: first.daysSinceEpoch + index)!
            let completed = expires.subtracting(Period(months: 12))!
            return #"{"id":"\#(prefix)\#(String(format: "%05d", index))","status":"active","facts":{"completed_on":"\#(completed)","program.expires_after_months":12}}"#
        }
    }

    /// The lines as ledger input.
    static func lines(_ texts: [String]) -> [LedgerLine] {
        texts.enumerated().map { LedgerLine(number: $0.offset + 1, bytes: Array($0.element.utf8)) }
    }

    /// A fixed clock, so history entries of two runs compare equal.
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_772_000_000) }
}

struct LedgerTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Everything a store holds, for comparing two stores (history times left out: they are
/// wall-clock times).
struct StoreSnapshot: Equatable, CustomStringConvertible {
    var records: [StoredRecord] = []
    var history: [String: [HistoryEntry]] = [:]
    var outbox: [OutboxEntry] = []

    static func of(_ store: any LedgerStore, policy: String) async throws -> StoreSnapshot {
        var snapshot = StoreSnapshot()
        var after: String?
        while true {
            let page = try await store.records(policy: policy, after: after, limit: 1000)
            guard let last = page.last else { break }
            snapshot.records += page
            after = last.id
        }
        for record in snapshot.records {
            snapshot.history[record.id] = try await store.history(policy: policy, id: record.id).map { entry in
                var entry = entry
                entry.at = ""
                return entry
            }
        }
        var position: Int64 = 0
        while true {
            let page = try await store.outbox(state: nil, after: position, limit: 1000)
            guard let last = page.last else { break }
            snapshot.outbox += page.map { entry in
                var entry = entry
                entry.position = 0
                return entry
            }
            position = last.position
        }
        // Entries written by different runs may interleave differently: compared as a set.
        snapshot.outbox.sort { $0.key < $1.key }
        return snapshot
    }

    var description: String {
        "\(records.count) records, \(history.values.map(\.count).reduce(0, +)) history entries, \(outbox.count) outbox entries"
    }
}
