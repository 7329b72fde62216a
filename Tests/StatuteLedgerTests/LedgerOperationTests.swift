import Foundation
import Statute
@testable import StatuteLedger
import Testing

/// Import, apply and sweep on the default policy, against each store.
@Suite("Ledger operations")
struct LedgerOperationTests {
    static func ledger(_ store: any LedgerStore, settings: [String: Value] = [:]) throws -> Ledger {
        Ledger(store: store, policy: try LedgerFixtures.policy(settings: settings), now: LedgerFixtures.clock)
    }

    static func member(_ json: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let members) = json else { return nil }
        return members.first { $0.0 == key }?.1
    }

    @Test("import evaluates each record as it is stored; a duplicate id is an error line", arguments: StoreFactory.all)
    func importRecords(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let ledger = try Self.ledger(store)
        let answers = try await ledger.importLines(LedgerFixtures.lines([
            #"{"id":"c1","event":"apply","facts":{"program.require_approval":true}}"#,
            #"{"id":"c2","status":"in_progress","facts":{"components.required":2,"components.completed":2}}"#,
            #"{"id":"c1"}"#,
            #"{"id":7}"#,
            #"{"id":"c3","facts":{"completed_onn":"2026-01-01"}}"#,
            #"{"id":"c4","status":"active","facts":{"completed_on":"2025-03-10","program.expires_after_months":12}}"#,
        ]), today: LedgerFixtures.date("2026-03-01"))
        #expect(answers.map(\.isError) == [false, false, true, true, true, false])
        #expect(Self.member(answers[0].json, "status") == .string("applied"))
        #expect(Self.member(answers[0].json, "version") == .int(1))
        #expect(Self.member(answers[2].json, "error").flatMap { Self.member($0, "code") } == .string("duplicate-record"))
        #expect(Self.member(answers[3].json, "error").flatMap { Self.member($0, "code") } == .string("wrong-type"))
        #expect(Self.member(answers[4].json, "error").flatMap { Self.member($0, "code") } == .string("unknown-fact"))
        #expect(Self.member(answers[4].json, "id") == .string("c3"))

        let c2 = try #require(try await store.record(policy: "certification", id: "c2"))
        #expect(c2.status == "active" && c2.version == 1)
        let history = try await store.history(policy: "certification", id: "c2")
        #expect(history.map(\.transition) == ["complete"])
        #expect(history.first?.actor == "system" && history.first?.trigger == #"{"when":true}"#)
        #expect(history.first?.set == #"{"completed_on":"2026-03-01"}"#)
        #expect(FactsJSON.parse(c2.facts)["completed_on"] == .string("2026-03-01"))
        let c4 = try #require(try await store.record(policy: "certification", id: "c4"))
        #expect(c4.nextDue == LedgerFixtures.date("2026-03-10"))
        let outbox = try await store.outbox(state: nil, after: 0, limit: 10)
        #expect(outbox.map(\.effect) == ["new_application_email", "issue_certificate"])
        #expect(Set(outbox.map(\.key)).count == 2)
        try await store.close()
    }

    @Test("a sweep applies what is due, records the due date as the trigger, and a second sweep changes nothing",
          arguments: StoreFactory.all)
    func sweepTwice(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let ledger = try Self.ledger(store)
        _ = try await ledger.importLines(LedgerFixtures.lines(LedgerFixtures.activeRecords(40)), today: LedgerFixtures.date("2026-03-01"))
        let today = LedgerFixtures.date("2026-03-20")
        let first = try await ledger.sweep(today: today, batch: 7)
        // Expirations fall one a day from 2026-03-02: those up to the 20th are due.
        #expect(first.examined == 19 && first.changed == 19 && first.transitions == ["expire": 19])
        let record = try #require(try await store.history(policy: "certification", id: "r00000").first)
        #expect(record.trigger == #"{"at":"2026-03-02"}"# && record.today == today && record.actor == "system")
        let before = try await StoreSnapshot.of(store, policy: "certification")
        let second = try await ledger.sweep(today: today, batch: 7)
        #expect(second.examined == 0 && second.changed == 0)
        #expect(try await StoreSnapshot.of(store, policy: "certification") == before)
        try await store.close()
    }

    @Test("expiring_notice_days 0 → 30 reaches every stored record; each newly Expiring record gets one email, once",
          arguments: StoreFactory.all)
    func settingChangeReachesEveryRecord(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let count = 120
        let today = LedgerFixtures.date("2026-03-01")
        let before = try Self.ledger(store)
        _ = try await before.importLines(LedgerFixtures.lines(LedgerFixtures.activeRecords(count)), today: today)
        #expect(try await before.sweep(today: today).examined == 0)

        let after = try Self.ledger(store, settings: ["expiring_notice_days": .int(30)])
        let summary = try await after.sweep(today: today, batch: 16)
        #expect(summary.examined == count)
        // Expiring exactly when the expiration date is within 30 days after today.
        let expected = LedgerFixtures.activeRecords(count).indices.filter { index in
            let expires = today.daysSinceEpoch + 1 + index
            return expires - 30 <= today.daysSinceEpoch
        }.map { "r" + String(format: "%05d", $0) }
        let emails = try await store.outbox(state: nil, after: 0, limit: 10_000).filter { $0.effect == "certification_expiring_email" }
        #expect(emails.map(\.record).sorted() == expected)
        #expect(summary.effects == ["certification_expiring_email": expected.count])
        for id in expected {
            #expect(try await store.record(policy: "certification", id: id)?.status == "expiring")
        }
        // Every record now carries the new digest and its recomputed next date.
        let records = try await store.records(policy: "certification", after: nil, limit: 10_000)
        #expect(records.allSatisfy { $0.digest == after.policy.digest })
        let second = try await after.sweep(today: today)
        #expect(second.examined == 0)
        #expect(try await store.outbox(state: nil, after: 0, limit: 10_000).count == expected.count)
        try await store.close()
    }

    @Test("apply merges facts, records actor, role and reason, and checks expect_version", arguments: StoreFactory.all)
    func applyRequests(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let ledger = try Self.ledger(store)
        let today = LedgerFixtures.date("2026-03-01")
        _ = try await ledger.importLines(LedgerFixtures.lines([#"{"id":"a","status":"in_progress","facts":{"components.required":3}}"#]),
                                         today: today)
        let answers = try await [
            #"{"id":"a","facts":{"components":{"completed":1}},"actor":"ann"}"#,
            #"{"id":"a","set":"inactive","as":"staff","actor":"bob","reason":"on leave","expect_version":2}"#,
            #"{"id":"a","set":"inactive","as":"staff","expect_version":2}"#,
            #"{"id":"a","set":"declined","as":"staff"}"#,
            #"{"id":"nobody","event":"apply"}"#,
            #"{"id":"a","facts":{"components.completed":3},"actor":"ann"}"#,
            #"{"id":"a","colour":"red"}"#,
        ].enumerated().asyncMap { index, text in
            try await ledger.applyLine(LedgerLine(number: index + 1, bytes: Array(text.utf8)), today: today)
        }
        func code(_ answer: LedgerAnswer) -> JSONValue? {
            Self.member(answer.json, "error").flatMap { Self.member($0, "code") }
        }
        #expect(Self.member(answers[0].json, "version") == .int(2) && answers[0].outcome == .unchanged)
        #expect(Self.member(answers[1].json, "status") == .string("inactive") && Self.member(answers[1].json, "version") == .int(3))
        #expect(code(answers[2]) == .string("version-conflict"))
        #expect(answers[3].outcome == .rejected && Self.member(answers[3].json, "version") == .int(3))
        #expect(code(answers[4]) == .string("unknown-record"))
        #expect(Self.member(answers[5].json, "status") == .string("active"))
        #expect(code(answers[6]) == .string("unknown-key"))
        let history = try await store.history(policy: "certification", id: "a")
        #expect(history.map(\.transition) == ["deactivate", "complete"])
        #expect(history[0].actor == "bob" && history[0].role == "staff" && history[0].reason == "on leave")
        #expect(history[0].trigger == #"{"manual":true}"#)
        #expect(history[1].actor == "ann" && history.map(\.seq) == [1, 2])
        try await store.close()
    }

    @Test("a policy edit that removes a status and a fact: those records are reported by id and left as they were",
          arguments: StoreFactory.all)
    func policyEditLeavesUnreadableRecords(factory: StoreFactory) async throws {
        let folder = try LedgerFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await factory.make(folder)
        let v1 = folder.appendingPathComponent("v1.yaml"), v2 = folder.appendingPathComponent("v2.yaml")
        try Self.testPolicy(withPaused: true).write(to: v1, atomically: true, encoding: .utf8)
        try Self.testPolicy(withPaused: false).write(to: v2, atomically: true, encoding: .utf8)
        let today = LedgerFixtures.date("2026-03-01")
        let first = Ledger(store: store, policy: try LedgerFixtures.policy(v1), now: LedgerFixtures.clock)
        _ = try await first.importLines(LedgerFixtures.lines([
            #"{"id":"on-hold","status":"paused"}"#,
            #"{"id":"noted","status":"active","facts":{"note":"x"}}"#,
            #"{"id":"due","status":"active","facts":{"ends_on":"2026-03-05"}}"#,
            #"{"id":"plain","status":"active"}"#,
        ]), today: today)
        let kept = try await StoreSnapshot.of(store, policy: "membership_test")
        let second = Ledger(store: store, policy: try LedgerFixtures.policy(v2), now: LedgerFixtures.clock)
        let summary = try await second.sweep(today: LedgerFixtures.date("2026-03-06"))
        #expect(summary.examined == 4)
        #expect(summary.errors.map(\.id).sorted() == ["noted", "on-hold"])
        #expect(Set(summary.errors.map(\.code)) == ["unknown-status", "unknown-fact"])
        let now = try await StoreSnapshot.of(store, policy: "membership_test")
        for id in ["noted", "on-hold"] {
            #expect(now.records.first { $0.id == id } == kept.records.first { $0.id == id })
        }
        #expect(try await store.record(policy: "membership_test", id: "due")?.status == "ended")
        #expect(try await store.record(policy: "membership_test", id: "plain")?.digest == second.policy.digest)
        // The next sweep reports them again and changes nothing else.
        let again = try await second.sweep(today: LedgerFixtures.date("2026-03-06"))
        #expect(again.errors.count == 2 && again.changed == 0)
        try await store.close()
    }

    /// A small policy; without `paused`, its status and the `note` fact are gone.
    static func testPolicy(withPaused: Bool) -> String {
        """
        statute: 1
        name: membership_test
        roles:
          staff: {description: Staff.}
        facts:
          ends_on: date?
        \(withPaused ? "  note: string?\n" : "")statuses:
          active: {label: Active}
          ended: {label: Ended, final: true}
        \(withPaused ? "  paused: {label: Paused}\n" : "")effects:
          ended_email: {description: Tell the member.}
        transitions:
          - id: end
            from: active
            to: ended
            mode: automatic
            at: ends_on
            effects: [ended_email]
        \(withPaused ? "  - id: pause\n    from: active\n    to: paused\n    mode: manual\n    by: staff\n  - id: resume\n    from: paused\n    to: active\n    mode: manual\n    by: staff\n" : "")
        """
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
