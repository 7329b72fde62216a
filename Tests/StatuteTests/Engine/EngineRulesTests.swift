import Foundation
import Testing
@testable import Statute

/// docs/policy-language.md rules, on small policies written for each rule.
@Suite struct EngineRulesTests {
    static let membership = """
    statute: 1
    name: membership
    roles:
      clerk: {}
      manager: {includes: [clerk]}
    facts:
      paid: {type: bool, default: false}
      renewed_on: date?
      balance: {type: int, default: 0}
    statuses:
      pending: {label: Pending}
      member: {label: Member}
      lapsed: {label: Lapsed}
      closed: {label: Closed, final: true}
    events:
      pay: {}
    effects:
      welcome: {}
      receipt: {}
    transitions:
      - id: pay-join
        from: pending
        to: member
        mode: automatic
        on: pay
        guard: paid
        effects: [receipt, welcome]
        set: {renewed_on: today}
      - id: lapse
        from: member
        to: lapsed
        mode: automatic
        at: renewed_on + years(1)
      - id: remind
        from: member
        to: lapsed
        mode: automatic
        at: renewed_on + years(1)
      - id: close
        from: [pending, lapsed]
        to: closed
        mode: manual
        by: manager
        guard: balance == 0
      - id: reopen
        from: lapsed
        to: member
        mode: manual
        by: clerk
        set: {renewed_on: today}
    """

    let today = day("2026-03-01")

    @Test func anEventWhoseGuardFailsIsIgnoredButStillSettles() throws {
        let policy = try Policies.compile(Self.membership)
        let engine = try Engine(policy: policy)
        let ignored = try engine.evaluate(Record(status: "pending"), request: .event("pay"), today: today)
        #expect(ignored.outcome == .ignored)
        #expect(ignored.reason != nil)
        // An ignored event still settles: a member a year past renewal lapses.
        let settled = try engine.evaluate(Record(status: "member", facts: ["renewed_on": .date(day("2025-02-01"))]),
                                          request: .event("pay"), today: today)
        #expect(settled.outcome == .changed)
        #expect(settled.status == "lapsed")
    }

    @Test func setValuesAreVisibleToLaterStepsAndReported() throws {
        let engine = try Engine(policy: try Policies.compile(Self.membership))
        let result = try engine.evaluate(Record(status: "pending", facts: ["paid": .bool(true)]), request: .event("pay"),
                                         today: today)
        #expect(result.status == "member")
        #expect(result.effects == ["receipt", "welcome"])
        #expect(result.assignments == [Assignment(fact: "renewed_on", value: .date(today))])
        // `next` is computed from the value just set; `lapse` wins the tie by file order.
        #expect(result.next == ScheduledChange(transition: "lapse", to: "lapsed", date: day("2027-03-01")))
    }

    @Test func aNullDateSchedulesNothing() throws {
        let engine = try Engine(policy: try Policies.compile(Self.membership))
        let result = try engine.evaluate(Record(status: "member"), today: today, explain: true)
        #expect(result.outcome == .unchanged)
        #expect(result.next == nil)
        let lapse = try #require(result.explanation?.considerations.first { $0.transition == "lapse" })
        #expect(lapse.nullNames == ["renewed_on"])
        #expect(lapse.message.contains("`renewed_on` is null"))
    }

    @Test func aGuardFalseRejectionNamesTheGuardAndTheValues() throws {
        let engine = try Engine(policy: try Policies.compile(Self.membership))
        let result = try engine.evaluate(Record(status: "lapsed", facts: ["balance": .int(25)]),
                                         request: .manual(status: "closed", role: "manager"), today: today)
        #expect(result.outcome == .rejected)
        let rejection = try #require(result.rejection)
        #expect(rejection.kind == .guardFalse)
        #expect(rejection.transition == "close")
        #expect(rejection.guardSource == "balance == 0")
        #expect(rejection.values == [NamedValue(name: "balance", value: .int(25))])
        #expect(result.reason?.contains("balance") == true)
    }

    @Test func rolesIncludeOtherRolesButNotTheOtherWayRound() throws {
        let engine = try Engine(policy: try Policies.compile(Self.membership))
        let byManager = try engine.evaluate(Record(status: "lapsed"), request: .manual(status: "member", role: "manager"),
                                            today: today)
        #expect(byManager.status == "member")
        let byClerk = try engine.evaluate(Record(status: "lapsed"), request: .manual(status: "closed", role: "clerk"),
                                          today: today)
        #expect(byClerk.rejection?.kind == .roleNotPermitted)
        #expect(byClerk.rejection?.allowedRoles == ["manager"])
    }

    @Test func aNamedTransitionMustBeAManualTransitionToTheStatus() throws {
        let engine = try Engine(policy: try Policies.compile(Self.membership))
        let ok = try engine.evaluate(Record(status: "lapsed"),
                                     request: .manual(status: "member", role: "clerk", transition: "reopen"), today: today)
        #expect(ok.steps.map(\.transition) == ["reopen"])
        #expect(throws: Diagnostic.self) {
            try engine.evaluate(Record(status: "lapsed"),
                                request: .manual(status: "member", role: "clerk", transition: "lapse"), today: today)
        }
    }

    @Test func anAutomaticCycleIsAnErrorNamingTheCycle() throws {
        let policy = try Policies.compile("""
        statute: 1
        name: loop
        facts: {flag: {type: bool, default: true}}
        statuses: {a: {}, b: {}, c: {}}
        transitions:
          - {id: a-b, from: a, to: b, mode: automatic, when: flag}
          - {id: b-c, from: b, to: c, mode: automatic, when: flag}
          - {id: c-a, from: c, to: a, mode: automatic, when: flag}
        """)
        let engine = try Engine(policy: policy)
        do {
            _ = try engine.evaluate(Record(status: "a"), today: today)
            Issue.record("a cycle must be an error")
        } catch {
            #expect(error.code == .automaticCycle)
            #expect(error.message.contains("`a` -> `b` -> `c` -> `a`"))
        }
    }

    @Test func aCycleIsFoundAfterOneStepAndAwayFromTheStartingStatus() throws {
        let policy = try Policies.compile("""
        statute: 1
        name: loops
        facts: {flag: {type: bool, default: true}}
        statuses: {a: {}, b: {}, c: {}, d: {}}
        transitions:
          - {id: a-a, from: a, to: a, mode: automatic, when: flag}
          - {id: b-c, from: b, to: c, mode: automatic, when: flag}
          - {id: c-d, from: c, to: d, mode: automatic, when: flag}
          - {id: d-c, from: d, to: c, mode: automatic, when: flag}
        """)
        let engine = try Engine(policy: policy)
        for (status, cycle) in [("a", "`a` -> `a`"), ("b", "`c` -> `d` -> `c`")] {
            do {
                _ = try engine.evaluate(Record(status: status), today: today)
                Issue.record("a cycle from `\(status)` must be an error")
            } catch {
                #expect(error.code == .automaticCycle)
                #expect(error.message.hasSuffix("cycle: \(cycle)"), "\(error.message)")
            }
        }
    }

    @Test func settlingStopsAtAFixedPointInFileOrder() throws {
        let policy = try Policies.compile("""
        statute: 1
        name: chain
        facts: {n: {type: int, default: 5}}
        statuses: {a: {}, b: {}, c: {}, d: {}}
        transitions:
          - {id: a-c, from: a, to: c, mode: automatic, when: n > 3}
          - {id: a-b, from: a, to: b, mode: automatic, when: n > 1}
          - {id: c-d, from: c, to: d, mode: automatic, when: n > 4}
        """)
        let result = try Engine(policy: policy).evaluate(Record(status: "a"), today: today)
        #expect(result.steps.map(\.transition) == ["a-c", "c-d"])
        #expect(result.status == "d")
    }

    @Test func nextTiesGoToFileOrderAndGuardsAreEvaluatedOnTheDate() throws {
        let policy = try Policies.compile("""
        statute: 1
        name: ties
        facts: {due: date?}
        statuses: {a: {}, b: {}, c: {}, d: {}}
        transitions:
          - {id: later, from: a, to: d, mode: automatic, at: due + days(1)}
          - {id: guarded, from: a, to: b, mode: automatic, at: due, guard: today > due}
          - {id: first, from: a, to: c, mode: automatic, at: due}
          - {id: second, from: a, to: b, mode: automatic, at: due}
        """)
        let result = try Engine(policy: policy).evaluate(Record(status: "a", facts: ["due": .date(day("2026-04-01"))]),
                                                         today: today)
        #expect(result.next == ScheduledChange(transition: "first", to: "c", date: day("2026-04-01")))
    }

    @Test func inputErrorsNameTheFact() throws {
        let engine = try Engine.certification()
        func problem(_ facts: [String: Value], status: String? = "active") -> Diagnostic? {
            do { _ = try engine.evaluate(Record(status: status, facts: facts), today: today); return nil } catch { return error }
        }
        let unknown = problem(["completed_onn": .date(today)])
        #expect(unknown?.code == .unknownFact)
        #expect(unknown?.help == "did you mean `completed_on`?")
        #expect(problem(["components.required": .string("three")])?.code == .wrongType)
        #expect(problem(["components.required": .int(-1)])?.code == .invalidValue)
        #expect(problem(["program.require_approval": .null])?.message.contains("cannot be null") == true)
        #expect(problem([:], status: "actve")?.code == .unknownStatus)
        #expect(throws: Diagnostic.self) { try Engine.certification(settings: ["expiring_notice_days": .int(-5)]) }
        #expect(throws: Diagnostic.self) { try Engine.certification(settings: ["expiring_days": .int(5)]) }
        #expect(throws: Diagnostic.self) {
            try engine.evaluate(Record(status: "active"), request: .event("aply"), today: today)
        }
    }

    @Test func aMissingRequiredFactIsAnInputError() throws {
        let engine = try Engine(policy: try Policies.compile("""
        statute: 1
        name: required
        facts: {tier: string}
        statuses: {a: {}}
        transitions: []
        """))
        #expect(throws: Diagnostic.self) { try engine.evaluate(Record(status: "a"), today: today) }
        let ok = try engine.evaluate(Record(status: "a", facts: ["tier": .string("gold")]), today: today)
        #expect(ok.outcome == .unchanged)
    }

    @Test func manualOptionsShowWhatADropDownOffers() throws {
        let engine = try Engine.certification()
        let staff = try engine.manualOptions(for: Record(status: "in_progress"), role: "staff", today: today)
        #expect(staff.map(\.transition) == ["deactivate", "mark-not-completed", "cancel"])
        #expect(staff.allSatisfy { $0.allowed })
        let review = try engine.manualOptions(for: Record(status: "admin_review"), role: "staff", today: today)
        let approve = try #require(review.first { $0.transition == "approve-completion" })
        #expect(!approve.allowed)
        #expect(approve.rejection == .roleNotPermitted)
        let none = try engine.manualOptions(for: Record(status: "cancelled"), role: "admin", today: today)
        #expect(none.isEmpty)
    }

    @Test func oneCompiledPolicyEvaluatesFromManyThreadsWithTheSameResults() async throws {
        let engine = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
        let records: [Record] = (0..<400).map { i in
            Record(status: ["in_progress", "active", "expiring", "applied"][i % 4],
                   facts: ["components.required": .int(i % 3), "components.completed": .int(i % 5),
                           "completed_on": .date(day("2025-01-01").adding(.days(i))!),
                           "program.expires_after_months": .int(i % 14)])
        }
        let serial = try records.map { try engine.evaluate($0, today: today) }
        let parallel = try await withThrowingTaskGroup(of: (Int, EvaluationResult).self) { group in
            for (index, record) in records.enumerated() {
                group.addTask { (index, try engine.evaluate(record, today: day("2026-03-01"))) }
            }
            var results = [EvaluationResult?](repeating: nil, count: records.count)
            for try await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        #expect(parallel == serial)
        #expect(Set(serial.map(\.outcome)).count > 1, "the sample covers several outcomes")
    }
}
