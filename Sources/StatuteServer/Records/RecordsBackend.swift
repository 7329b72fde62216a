import Foundation
import Statute
import StatuteLedger
import Synchronization

/// The service's side of the ledger (docs/service.md, "Records"): the store, opened on first
/// use and kept (a store that could not be reached is tried again by the next request), and
/// a ``Ledger`` for each served policy version, so that the routes, the console and the
/// sweeper apply records exactly as `statute ledger` does.
final class RecordsBackend: Sendable {
    let location: StoreLocation
    let options: StoreOptions
    let today: @Sendable () -> CalendarDate
    private let opened = Mutex<(any LedgerStore)?>(nil)
    /// Serialises opening, so concurrent first requests open the store once.
    private let opening = AsyncLock()
    /// Ledger policies by the serving version's digest and policy name (the digests cost a hash of the file).
    private let policies = Mutex<[String: LedgerPolicy]>([:])

    init(location: StoreLocation, options: StoreOptions, today: @escaping @Sendable () -> CalendarDate) {
        self.location = location
        self.options = options
        self.today = today
    }

    /// The store, opened and its schema checked; 503 `store-unavailable` when it cannot be used.
    func store() async throws(ServiceError) -> any LedgerStore {
        if let store = opened.withLock({ $0 }) { return store }
        do {
            return try await opening.run { [self] in
                if let store = opened.withLock({ $0 }) { return store }
                let store = try await StoreOpener.open(location, options: options)
                do {
                    try await store.checkSchema()
                } catch {
                    try? await store.close()
                    throw error
                }
                opened.withLock { $0 = store }
                return store
            }
        } catch {
            throw .storeUnavailable(Self.message(error))
        }
    }

    /// `nil` when the store answers a query now, else why not (`/readyz`).
    func problem() async -> String? {
        do {
            let store = try await store()
            _ = try await store.storedSchemaVersion()
            return nil
        } catch let error as ServiceError {
            return error.message
        } catch {
            return Self.message(error)
        }
    }

    /// The ledger applying `version` of the policy `name`.
    func ledger(name: String, version: PolicyVersion) async throws(ServiceError) -> Ledger {
        let store = try await store()
        let key = version.digest + "\n" + name
        if let policy = policies.withLock({ $0[key] }) { return Ledger(store: store, policy: policy) }
        let policy = LedgerPolicy(maker: DecisionMaker(engine: version.engine, settings: version.settings), policyBytes: version.bytes)
        policies.withLock { cached in
            // Old versions go when the cache grows: a reload makes a new digest.
            if cached.count > 64 { cached.removeAll() }
            cached[key] = policy
        }
        return Ledger(store: store, policy: policy)
    }

    /// Closes the store (at shutdown).
    func close() async {
        let store = opened.withLock { store in defer { store = nil }; return store }
        try? await store?.close()
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? LedgerStoreError { return error.description }
        return "the store could not be used: \(error)"
    }
}

/// One holder at a time, for async work (opening the store).
final class AsyncLock: Sendable {
    private let waiters = Mutex<(held: Bool, queue: [CheckedContinuation<Void, Never>])>((false, []))

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = waiters.withLock { state -> Bool in
                if state.held { state.queue.append(continuation); return false }
                state.held = true
                return true
            }
            if resumeNow { continuation.resume() }
        }
        defer {
            let next = waiters.withLock { state -> CheckedContinuation<Void, Never>? in
                if state.queue.isEmpty { state.held = false; return nil }
                return state.queue.removeFirst()
            }
            next?.resume()
        }
        return try await body()
    }
}

extension ServiceError {
    /// 503: the ledger store cannot be used now.
    static func storeUnavailable(_ message: String) -> ServiceError {
        var error = ServiceError(status: .serviceUnavailable, code: "store-unavailable", message: message)
        error.headers[.retryAfter] = "5"
        return error
    }

    /// 404 on a records route of a server started without `--store`.
    static let noStore = ServiceError(status: .notFound, code: "no-store",
                                      message: "this server keeps no records; start `statute serve` with --store URL")
}
