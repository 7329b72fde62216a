import Foundation
import StatuteLedger
import Testing

/// The outbox delivered through `--webhook` to a real receiver on loopback, on each store:
/// deliverers at once deliver each entry once; failures are retried, then dead.
struct WebhookDeliveryTests {
    typealias Fixtures = StoreLevelFixtures

    /// A store holding `count` pending outbox entries (one per swept record).
    static func storeWithEntries(_ factory: StoreFactory, count: Int) async throws -> any LedgerStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try await factory.make(folder)
        _ = try await store.insert((0..<count).map { Fixtures.newRecord("W-\($0)", due: "2026-02-01") })
        #expect(try await Fixtures.sweep(store, batch: 25) == count)
        return store
    }

    @Test(arguments: StoreFactory.all)
    func twoDeliverersAtOnceDeliverEachEntryOnce(factory: StoreFactory) async throws {
        let store = try await Self.storeWithEntries(factory, count: 60)
        let delivered = try await WebhookReceiver.with { base, receiver in
            let deliverer = try WebhookDeliverer(url: base + "/slow")
            let policy = DeliveryPolicy(batch: 4)
            let totals = try await withThrowingTaskGroup(of: Int.self) { group in
                for owner in ["first", "second"] {
                    group.addTask {
                        let delivery = OutboxDelivery(store: store, deliverer: deliverer, policy: policy, owner: owner)
                        var delivered = 0
                        while true {
                            let round = try await delivery.round(jobs: 2)
                            if round.taken == 0 { return delivered }
                            delivered += round.delivered
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(totals.reduce(0, +) == 60)
            #expect(totals.allSatisfy { $0 > 0 }, "one deliverer did everything: \(totals)")
            return await receiver.requests
        }
        #expect(delivered.count == 60)
        #expect(Set(delivered.compactMap(\.key)).count == 60)
        let entries = try await store.outbox(state: nil, after: 0, limit: 100)
        #expect(entries.allSatisfy { $0.state == .delivered && $0.attempts == 1 })
        // Each request carried its own entry's JSON, under its key.
        for request in delivered {
            let key = try #require(request.key)
            #expect(request.body.contains(#""key":"\#(key)""#), "\(request.body)")
        }
        try await store.close()
    }

    @Test(arguments: StoreFactory.all)
    func aFailedPostIsRetriedAndThenDelivered(factory: StoreFactory) async throws {
        let store = try await Self.storeWithEntries(factory, count: 3)
        try await WebhookReceiver.with { base, receiver in
            let delivery = OutboxDelivery(store: store, deliverer: try WebhookDeliverer(url: base + "/flaky"),
                                          policy: DeliveryPolicy(firstBackoff: 0))
            let first = try await delivery.round()
            #expect(first.failed == 3)
            let pending = try await store.outbox(state: .pending, after: 0, limit: 10)
            #expect(pending.map(\.lastError) == Array(repeating: "HTTP 503 Service Unavailable", count: 3))
            #expect(pending.allSatisfy { $0.attempts == 1 })
            let second = try await delivery.round()
            #expect(second.delivered == 3)
            #expect(await receiver.requests.count == 6)
        }
        #expect(try await store.outbox(state: .delivered, after: 0, limit: 10).count == 3)
        try await store.close()
    }

    @Test(arguments: StoreFactory.all)
    func anEntryRefusedMaxAttemptsTimesIsDead(factory: StoreFactory) async throws {
        let store = try await Self.storeWithEntries(factory, count: 2)
        try await WebhookReceiver.with { base, _ in
            let delivery = OutboxDelivery(store: store, deliverer: try WebhookDeliverer(url: base + "/fail"),
                                          policy: DeliveryPolicy(maxAttempts: 2, firstBackoff: 0))
            #expect(try await delivery.round().failed == 2)
            #expect(try await delivery.round().dead == 2)
            #expect(try await delivery.round().taken == 0)
        }
        let dead = try await store.outbox(state: .dead, after: 0, limit: 10)
        #expect(dead.count == 2)
        #expect(dead.allSatisfy { $0.attempts == 2 && $0.lastError == "HTTP 500 Internal Server Error: boom" })
        try await store.close()
    }
}
