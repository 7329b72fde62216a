public import Foundation

/// Hands one outbox entry to the application: `--exec` runs a command, `--webhook` POSTs.
public protocol Deliverer: Sendable {
    /// Delivers the entry's JSON; returns normally when the application accepted it,
    /// throws a ``DeliveryFailure`` (recorded as `last_error`) otherwise.
    func deliver(_ entry: OutboxEntry, json: [UInt8]) async throws(DeliveryFailure)
}

/// Why one delivery attempt failed, in one line.
public struct DeliveryFailure: Error, Hashable, Sendable {
    /// What went wrong.
    public var message: String

    /// Creates a failure.
    public init(_ message: String) {
        self.message = message
    }
}

/// How `deliver` retries (docs/ledger.md).
public struct DeliveryPolicy: Hashable, Sendable {
    /// Attempts before an entry is dead.
    public var maxAttempts: Int
    /// How long an entry is leased to the deliverer that took it, in seconds.
    public var leaseSeconds: Double
    /// The wait before the second attempt; each later wait is twice the one before.
    public var firstBackoff: Double
    /// The longest wait between attempts.
    public var maxBackoff: Double
    /// Entries taken per round.
    public var batch: Int

    /// Creates a policy: 8 attempts, 60 s leases, backoff from 10 s doubling up to one hour.
    public init(maxAttempts: Int = 8, leaseSeconds: Double = 60, firstBackoff: Double = 10, maxBackoff: Double = 3600,
                batch: Int = 32) {
        self.maxAttempts = maxAttempts
        self.leaseSeconds = leaseSeconds
        self.firstBackoff = firstBackoff
        self.maxBackoff = maxBackoff
        self.batch = batch
    }

    /// The wait after the `attempts`-th failed attempt.
    public func backoff(afterAttempts attempts: Int) -> Double {
        min(maxBackoff, firstBackoff * pow(2, Double(max(0, attempts - 1))))
    }
}

/// What one round of delivery did.
public struct DeliveryRound: Hashable, Sendable {
    /// Entries delivered.
    public var delivered = 0
    /// Entries whose attempt failed and will be retried.
    public var failed = 0
    /// Entries that became dead.
    public var dead = 0
    /// Entries taken (leased).
    public var taken: Int { delivered + failed + dead }

    /// Creates an empty round.
    public init() {}
}

/// Takes pending entries from a store, oldest first, and hands them to a deliverer.
public struct OutboxDelivery: Sendable {
    /// The store.
    public let store: any LedgerStore
    /// How entries are handed over.
    public let deliverer: any Deliverer
    /// Retries, leases and batch size.
    public let policy: DeliveryPolicy
    /// The wall-clock time.
    public let now: @Sendable () -> Date
    /// This deliverer's lease token.
    public let owner: String

    /// Creates a delivery loop.
    public init(store: any LedgerStore, deliverer: any Deliverer, policy: DeliveryPolicy = DeliveryPolicy(),
                now: @escaping @Sendable () -> Date = { Date() }, owner: String = UUID().uuidString) {
        self.store = store
        self.deliverer = deliverer
        self.policy = policy
        self.now = now
        self.owner = owner
    }

    /// Leases one batch and delivers it, `jobs` entries at a time.
    ///
    /// - Throws: a ``LedgerStoreError`` when the store cannot lease or record outcomes.
    public func round(jobs: Int = 1) async throws -> DeliveryRound {
        let start = now()
        let entries = try await store.leaseOutbox(limit: policy.batch, now: start,
                                                  lease: OutboxLease(owner: owner, until: start.addingTimeInterval(policy.leaseSeconds)))
        var round = DeliveryRound()
        var index = 0
        while index < entries.count {
            let slice = entries[index..<min(entries.count, index + max(1, jobs))]
            index += slice.count
            let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for entry in slice { group.addTask { try await deliver(entry) } }
                var outcomes: [Outcome] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            for outcome in outcomes {
                switch outcome {
                case .delivered: round.delivered += 1
                case .failed: round.failed += 1
                case .dead: round.dead += 1
                case .gone: break
                }
            }
        }
        return round
    }

    enum Outcome: Sendable { case delivered, failed, dead, gone }

    private func deliver(_ entry: OutboxEntry) async throws -> Outcome {
        var json: [UInt8] = []
        LedgerJSON.json(entry).write(to: &json)
        do {
            try await deliverer.deliver(entry, json: json)
        } catch {
            let attempts = entry.attempts + 1
            let retryAt = attempts >= policy.maxAttempts ? nil : now().addingTimeInterval(policy.backoff(afterAttempts: attempts))
            let recorded = try await store.markFailed(key: entry.key, owner: owner, error: error.message, retryAt: retryAt)
            return recorded ? (retryAt == nil ? .dead : .failed) : .gone
        }
        return try await store.markDelivered(key: entry.key, owner: owner) ? .delivered : .gone
    }
}
