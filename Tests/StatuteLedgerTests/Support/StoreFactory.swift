import Foundation
import StatuteLedger

/// Makes a fresh, migrated, empty store in a folder. The store-level tests run once per
/// factory listed in ``all``, so every store passes the same suite.
struct StoreFactory: Sendable, CustomStringConvertible {
    let name: String
    let make: @Sendable (URL) async throws -> any LedgerStore

    var description: String { name }

    /// An SQLite file in the folder.
    static let sqlite = StoreFactory(name: "sqlite") { folder in
        let store = try SQLiteStore(path: folder.appendingPathComponent("ledger.db").path)
        _ = try await store.migrate()
        return store
    }

    /// Every store the suite runs against.
    static let all: [StoreFactory] = [.sqlite] + (PostgresTestServer.enabled ? [.postgres] : [])
}
