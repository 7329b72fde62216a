import Foundation
import StatuteLedger

extension StoreFactory {
    /// A new database on the test PostgreSQL server (``PostgresTestServer``), migrated.
    static let postgres = StoreFactory(name: "postgres") { _ in
        let store = try await PostgresStore.open(url: try await PostgresTestServer.freshDatabase(), options: StoreOptions(busyTimeout: 60))
        _ = try await store.migrate()
        return store
    }
}
