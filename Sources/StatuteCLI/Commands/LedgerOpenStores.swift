import Dispatch
import Foundation
import StatuteLedger

/// The stores a `statute` process has open, closed by ``Terminal`` before the process exits
/// on any path — a result, an error, a failed write. A PostgreSQL connection must be closed
/// before it goes away (postgres-nio checks it), and a closed connection ends its server
/// session at once instead of when the server notices the socket is gone.
///
/// The process's one list of open stores: a command opens its store through
/// ``LedgerStoreOptions/open()``, which adds it here.
final class LedgerOpenStores: @unchecked Sendable {
    static let shared = LedgerOpenStores()

    private let lock = NSLock()
    private var stores: [any LedgerStore] = []

    func add(_ store: any LedgerStore) {
        lock.lock()
        stores.append(store)
        lock.unlock()
    }

    /// Closes `store` now and forgets it.
    func close(_ store: any LedgerStore) {
        lock.lock()
        stores.removeAll { $0 as AnyObject === store as AnyObject }
        lock.unlock()
        Self.close([store])
    }

    /// Closes every store still open; waits at most a few seconds (a server that stopped
    /// answering must not keep the process from exiting).
    func closeAll() {
        lock.lock()
        let open = stores
        stores.removeAll()
        lock.unlock()
        Self.close(open)
    }

    private static func close(_ stores: [any LedgerStore]) {
        guard !stores.isEmpty else { return }
        let done = DispatchSemaphore(value: 0)
        Task {
            for store in stores { try? await store.close() }
            done.signal()
        }
        _ = done.wait(timeout: .now() + 5)
    }
}
