/// The mutable state of one evaluation: the record as it moves, and what happened.
struct EvaluationRun {
    let engine: Engine
    let previous: Int?
    var status: Int?
    var context: EvaluationContext
    let explain: Bool
    /// The transitions taken, in order (steps and effects are rendered from them on demand).
    var steps = TakenSteps()
    var assignments: [Assignment] = []
    var considerations: [Consideration] = []
    /// What each step did, when the caller asked for it (`nil`: not recording).
    var traces: [StepTrace]?
    /// Derived values of ``context`` computed so far, by derived index (`nil`: not yet).
    /// Shared by every expression of the run, so each derived value is computed once;
    /// emptied when a `set` changes the facts. Owned by ``Engine/evaluate(_:request:today:explain:)``
    /// (on its stack), one value per derived index of the policy.
    let derived: UnsafeMutableBufferPointer<Value?>

    /// The policy, borrowed in place (a copy of the struct would retain each of its fields).
    var policy: CompiledPolicy { _read { yield engine.storage.policy } }

    init(engine: Engine, status: Int?, facts: [Value], today: CalendarDate, explain: Bool,
         derived: UnsafeMutableBufferPointer<Value?>) {
        self.engine = engine
        self.derived = derived
        self.previous = status
        self.status = status
        self.context = EvaluationContext(facts: facts, settings: engine.settingValues, today: today)
        self.explain = explain
    }

    func id(_ status: Int?) -> String? { status.map { policy.statuses[$0].id } }

    mutating func execute(_ request: Request) throws(Diagnostic) -> EvaluationResult {
        switch request {
        case .evaluate:
            try settle()
            return result(outcome: steps.isEmpty ? .unchanged : .changed)
        case .event(let name):
            guard policy.events.contains(where: { $0.name.value == name }) else {
                throw Diagnostic.error(.unknownEvent, "unknown event `\(name)`", at: nil,
                                       help: Suggestions.didYouMean(name, in: policy.events.map(\.name.value)))
            }
            let handled = takeEvent(name)
            try settle()
            if !handled && steps.isEmpty {
                return result(outcome: .ignored, note: .ignored(event: name))
            }
            return result(outcome: .changed)
        case .manual(let target, let role, let transitionID):
            if let rejection = try takeManual(status: target, role: role, transitionID: transitionID) {
                return result(outcome: .rejected, note: rejection)
            }
            try settle()
            return result(outcome: .changed)
        }
    }

    /// The result, in compact form; the run's assignments and considerations are moved
    /// into it, not copied (the run ends here). A rejected request has no `next`.
    private mutating func result(outcome: Outcome, note: ResultNote = .none) -> EvaluationResult {
        let next = outcome == .rejected ? nil : nextChange()
        var moved: [Assignment] = []
        swap(&moved, &assignments)
        return EvaluationResult(compact: CompactResult(
            engine: engine.storage, status: Int32(truncatingIfNeeded: status ?? -1),
            previous: Int32(truncatingIfNeeded: previous ?? -1), outcome: outcome, steps: steps,
            assignments: moved, nextTransition: Int32(truncatingIfNeeded: next?.transition ?? -1),
            nextDate: next?.date, note: note,
            explanation: explain ? Explanation(considerations: considerations) : nil))
    }

    // MARK: - Taking steps

    /// Takes a transition: assigns its `set` facts (all values computed before any is
    /// assigned), moves the record, and records the step and its effects.
    mutating func take(_ transition: Transition, trigger: TriggerKind) {
        guard !transition.assignments.isEmpty else {
            if traces != nil { trace(transition, values: []) }
            record(transition, trigger: trigger)
            return
        }
        var values: [Value] = []
        values.reserveCapacity(transition.assignments.count)
        for assignment in transition.assignments { values.append(assignment.value.evaluate(in: context, cache: derived)) }
        if traces != nil { trace(transition, values: values) }
        for index in derived.indices { derived[index] = nil }  // the facts change
        for (assignment, value) in zip(transition.assignments, values) {
            context.facts[assignment.slot] = value
            if let existing = assignments.firstIndex(where: { $0.fact == assignment.fact }) {
                assignments[existing] = Assignment(fact: assignment.fact, value: value)
            } else {
                assignments.append(Assignment(fact: assignment.fact, value: value))
            }
        }
        record(transition, trigger: trigger)
    }

    /// Keeps what a step did, before it changes the facts: an `at` transition's date is
    /// read again from the facts its trigger was read from.
    private mutating func trace(_ transition: Transition, values: [Value]) {
        var due: CalendarDate?
        if transition.triggerKind == .at, let date = transition.triggerExpression {
            due = date.evaluate(in: context, cache: derived).dateValue
        }
        traces?.append(StepTrace(transition: transition.index, due: due, values: values))
    }

    /// Records a step and its effects, and moves the record.
    private mutating func record(_ transition: Transition, trigger: TriggerKind) {
        // The step's trigger is always the transition's own kind; the result renders it.
        steps.append(transition.index)
        status = transition.to
    }

    // MARK: - Evaluating expressions

    /// The outcome of evaluating a condition: holds, fails, or unknown (null).
    struct Check {
        var value: Value
        var values: [NamedValue] = []
        var nullNames: [String] = []
        var holds: Bool { value == .bool(true) }
        var isUnknown: Bool { value.isNull }
    }

    func evaluate(_ expression: CompiledExpression, in context: EvaluationContext) -> Check {
        guard explain else { return Check(value: expression.evaluate(in: context)) }
        var trace = ExpressionTrace()
        let value = expression.evaluate(in: context, trace: &trace)
        return Check(value: value, values: trace.values, nullNames: trace.nullNames)
    }

    /// Evaluates an expression against the run's own context, sharing its derived values.
    mutating func evaluateNow(_ expression: CompiledExpression) -> Check {
        guard explain else { return Check(value: expression.evaluate(in: context, cache: derived)) }
        var trace = ExpressionTrace()
        let value = expression.evaluate(in: context, trace: &trace, cache: derived)
        return Check(value: value, values: trace.values, nullNames: trace.nullNames)
    }

    /// Records a consideration when explaining. Its `message` is built eagerly, so callers
    /// on paths taken with explain off check `explain` first (explain is free when off).
    mutating func note(_ transition: Transition, _ phase: Phase, _ verdict: Verdict, date: CalendarDate? = nil,
                       values: [NamedValue] = [], nullNames: [String] = [], message: String) {
        guard explain else { return }
        let guardHeld: Bool? = switch verdict {
        case .guardFalse, .guardUnknown: transition.guardExpression == nil ? nil : false
        case .taken: transition.guardExpression == nil ? nil : true
        default: nil
        }
        considerations.append(Consideration(transition: transition.id, phase: phase, status: id(status),
                                            verdict: verdict, date: date, values: values, nullNames: nullNames,
                                            guardHeld: guardHeld, message: message))
    }

    /// After `taken` was taken, looks at the later candidates of the same round (only
    /// when explaining): would each have applied too? Then file order decided.
    mutating func noteShadowed(after taken: Transition, candidates: ArraySlice<Int>, phase: Phase,
                               in context: EvaluationContext) {
        guard explain else { return }
        for index in candidates {
            let transition = policy.transitions[index]
            var triggerHolds = true
            var values: [NamedValue] = []
            switch transition.trigger {
            case .when(let condition):
                let check = evaluate(condition, in: context)
                triggerHolds = check.holds
                values = check.values
            case .at(let date):
                let check = evaluate(date, in: context)
                triggerHolds = check.value.dateValue.map { context.today >= $0 } ?? false
                values = check.values
            case .event, .manual:
                break
            }
            var guardHeld: Bool?
            if triggerHolds, let guardExpression = transition.guardExpression {
                let check = evaluate(guardExpression, in: context)
                guardHeld = check.holds
                values += check.values.filter { !values.contains($0) }
            }
            let wouldApply = triggerHolds && guardHeld != false
            let message = wouldApply
                ? "\(Narration.name(transition, in: policy)) would also have applied, but `\(taken.id)` comes first in file order"
                : "\(Narration.name(transition, in: policy)) was not needed: `\(taken.id)` comes first in file order (and this one would not have applied)"
            considerations.append(Consideration(transition: transition.id, phase: phase, status: id(status),
                                                verdict: .shadowed, values: values, guardHeld: guardHeld,
                                                message: message))
        }
    }

    /// Notes every transition of `kind` that does not apply from the current status.
    mutating func noteWrongStatus(_ phase: Phase, where matches: (Transition) -> Bool) {
        guard explain else { return }
        for transition in policy.transitions where matches(transition) && !transition.applies(from: status) {
            note(transition, phase, .wrongStatus, message: Narration.wrongStatus(transition, status: status, in: policy))
        }
    }
}
