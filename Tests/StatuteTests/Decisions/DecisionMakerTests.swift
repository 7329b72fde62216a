import Testing
@testable import Statute

@Suite("Decision maker")
struct DecisionMakerTests {
    /// Two automatic steps in one evaluation (a `when` then an `at` that is overdue), each
    /// with its own effects and `set`; a manual transition guarded by a fact.
    static let policyText = """
        statute: 1
        name: steps
        roles:
          staff: {}
          clerk: {}
        settings:
          grace_days: {type: int, default: 10, min: 0}
        facts:
          paid_on: date?
          approved: {type: bool, default: false}
          reminders: {type: int, default: 0}
        statuses:
          new: {label: New}
          paid: {label: Paid}
          lapsed: {label: Lapsed}
          closed: {label: Closed, final: true}
        events:
          pay: {}
        effects:
          thank: {}
          receipt: {}
          notice: {}
          letter: {}
        transitions:
          - id: payment
            from: new
            to: paid
            mode: automatic
            on: pay
            effects: [thank]
          - id: paid-when-dated
            from: new
            to: paid
            mode: automatic
            when: paid_on != null
            effects: [receipt]
            set: {reminders: reminders + 1}
          - id: lapse
            from: paid
            to: lapsed
            mode: automatic
            at: paid_on + days(settings.grace_days)
            effects: [notice, letter]
            set: {reminders: reminders + 10}
          - id: close
            from: [paid, lapsed]
            to: closed
            mode: manual
            by: staff
            guard: approved
        """

    static func maker(settings: [String: Value] = [:]) throws -> DecisionMaker {
        try DecisionMaker(policy: Policies.compile(policyText), settings: settings)
    }

    @Test func eachStepKeepsItsOwnDueDateEffectsAndSetValues() throws {
        let maker = try Self.maker()
        let record = Record(status: "new", facts: ["paid_on": .date(day("2026-01-01"))])
        let decision = try maker.evaluate(record, today: day("2026-03-01"), detailingSteps: true)
        #expect(decision.result.status == "lapsed")
        #expect(decision.appliedSteps.map(\.step) == decision.result.steps)
        #expect(decision.appliedSteps.map(\.due) == [nil, day("2026-01-11")])
        #expect(decision.appliedSteps.map(\.effects) == [["receipt"], ["notice", "letter"]])
        #expect(decision.appliedSteps.map(\.assignments) == [[Assignment(fact: "reminders", value: .int(1))],
                                                            [Assignment(fact: "reminders", value: .int(11))]])
        // The result's own lists are the steps' together (a later `set` of a fact wins).
        #expect(decision.result.effects == ["receipt", "notice", "letter"])
        #expect(decision.result.assignments == [Assignment(fact: "reminders", value: .int(11))])
    }

    @Test func detailingStepsDoesNotChangeTheResult() throws {
        let maker = try Self.maker()
        let record = Record(status: "new", facts: ["paid_on": .date(day("2026-01-01"))])
        for today in ["2025-12-01", "2026-01-05", "2026-03-01"] {
            let plain = try maker.evaluate(record, request: .event("pay"), today: day(today), explain: true)
            let detailed = try maker.evaluate(record, request: .event("pay"), today: day(today), explain: true, detailingSteps: true)
            #expect(plain.result == detailed.result)
            #expect(plain.json == detailed.json)
            #expect(plain.appliedSteps.isEmpty)
            #expect(detailed.appliedSteps.count == detailed.result.steps.count)
        }
    }

    @Test func anEventStepHasNoDueDate() throws {
        let decision = try Self.maker().evaluate(Record(status: "new"), request: .event("pay"), today: day("2026-03-01"),
                                                 detailingSteps: true)
        #expect(decision.appliedSteps.map(\.step.transition) == ["payment"])
        #expect(decision.appliedSteps.map(\.due) == [nil])
        #expect(decision.appliedSteps.map(\.effects) == [["thank"]])
        #expect(decision.appliedSteps.map(\.assignments) == [[]])
    }

    @Test func requestSettingsOverrideTheConfiguredOnesForThatRequestOnly() throws {
        let maker = try Self.maker(settings: ["grace_days": .int(100)])
        let record = Record(status: "paid", facts: ["paid_on": .date(day("2026-01-01"))])
        let configured = try maker.evaluate(record, today: day("2026-03-01"))
        #expect(configured.result.status == "paid")
        #expect(configured.result.next?.date == day("2026-04-11"))
        #expect(configured.settings == ["grace_days": .int(100)])
        let overridden = try maker.evaluate(record, settings: ["grace_days": .int(5)], today: day("2026-03-01"))
        #expect(overridden.result.status == "lapsed")
        #expect(overridden.settings == ["grace_days": .int(5)])
        #expect(overridden.engine.setting("grace_days") == .int(5))
        #expect(maker.engine.setting("grace_days") == .int(100))
    }

    @Test func aRefusedOverrideIsAnErrorWithTheEnginesWords() throws {
        let maker = try Self.maker()
        for (overrides, code) in [(["grace_days": Value.int(-1)], "invalid-value"), (["grace": .int(1)], "unknown-setting"),
                                  (["grace_days": .string("ten")], "wrong-type")] {
            do {
                _ = try maker.evaluate(Record(status: "paid"), settings: overrides, today: day("2026-03-01"))
                Issue.record("\(overrides) was accepted")
            } catch {
                #expect(error.code == code)
                #expect(error.diagnostic.map { DecisionError($0) } == error)
            }
        }
        #expect(throws: DecisionError(code: "unknown-setting", message: "unknown setting `grace`")) {
            try maker.evaluate(Record(status: "paid"), settings: ["grace": .int(1)], today: day("2026-03-01"))
        }
    }

    @Test func anInputIsEvaluatedOnItsOwnDateWithItsIdInAnError() throws {
        let maker = try Self.maker()
        let policy = maker.policy
        let body = #"{"status": "paid", "facts": {"paid_on": "2026-01-01"}, "today": "2026-01-20", "settings": {"grace_days": 30}}"#
        let input = try DecisionInput.read(json: Array(body.utf8), shape: .evaluate, policy: policy).get()
        let decision = try maker.evaluate(input, today: day("2030-01-01"))
        #expect(decision.today == day("2026-01-20"))
        #expect(decision.result.next == ScheduledChange(transition: "lapse", to: "lapsed", date: day("2026-01-31")))
        #expect(decision.json == ResultJSON.json(decision.result))

        let line = try DecisionInput.read(json: Array(#"{"id": "r-1", "status": "gone"}"#.utf8), shape: .runLine, policy: policy).get()
        do {
            _ = try maker.evaluate(line, today: day("2026-01-20"))
            Issue.record("an unknown status was evaluated")
        } catch {
            #expect(error.id == .string("r-1"))
            #expect(error.code == "unknown-status")
            #expect(error.line(7).rendered() == #"{"id":"r-1","line":7,"error":{"code":"unknown-status","message":"unknown status `gone` in the record"}}"#)
            #expect(error.json.rendered() == #"{"error":{"code":"unknown-status","message":"unknown status `gone` in the record"}}"#)
            #expect(error.diagnostic?.code == .unknownStatus)
        }
    }

    @Test func optionsListEveryManualTransitionAndAnswerWithTheAllowedOnes() throws {
        let maker = try Self.maker()
        let record = Record(status: "paid", facts: ["approved": .bool(true)])
        let staff = try maker.options(for: record, role: "staff", today: day("2026-01-01"))
        #expect(staff.options.map(\.allowed) == [true])
        #expect(staff.json.rendered() == #"{"options":[{"transition":"close","to":"closed","label":"Closed"}]}"#)
        let clerk = try maker.options(for: record, role: "clerk", today: day("2026-01-01"))
        #expect(clerk.options.map(\.allowed) == [false])
        #expect(clerk.allowed.isEmpty)
        #expect(clerk.json.rendered() == #"{"options":[]}"#)
    }

    @Test func anOptionsRequestWithoutARoleIsMissingRole() throws {
        var input = DecisionInput()
        input.record = Record(status: "paid")
        #expect(throws: DecisionError(code: "missing-role", message: "an options request needs `as`, the role asking")) {
            try Self.maker().options(input, today: day("2026-01-01"))
        }
        input.role = "nobody"
        #expect(throws: DecisionError(code: "unknown-role", message: "unknown role `nobody` (the roles are `staff`, `clerk`)")) {
            try Self.maker().options(input, today: day("2026-01-01"))
        }
    }

    @Test func settingsJSONIsReadAgainstTheDeclarations() throws {
        let policy = try Self.maker().policy
        #expect(try DecisionMaker.settings(.object([("grace_days", .int(3))]), policy: policy).get() == ["grace_days": .int(3)])
        #expect(try DecisionMaker.settings(.null, policy: policy).get() == [:])
        guard case .failure(let error) = DecisionMaker.settings(.array([]), policy: policy) else {
            Issue.record("an array was read as settings"); return
        }
        #expect(error.code == "wrong-type")
        guard case .failure(let unknown) = DecisionMaker.settings(.object([("grace", .int(3))]), policy: policy) else {
            Issue.record("an unknown setting was read"); return
        }
        #expect(unknown.code == "unknown-setting")
    }
}
