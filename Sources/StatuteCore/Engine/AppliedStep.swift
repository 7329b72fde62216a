/// One step taken, with everything it did: for a host that stores each change of a
/// record as its own history entry (the `at` date that made it due, its effects, the
/// facts its `set` assigned).
public struct AppliedStep: Hashable, Sendable {
    /// The transition, the statuses it moved between, its mode and its trigger.
    public let step: Step
    /// For an `at` transition, the date it was due (on or before the evaluation's date);
    /// `nil` for any other trigger.
    public let due: CalendarDate?
    /// The effects of this step, in the transition's order.
    public let effects: [String]
    /// The facts this step's `set` assigned, in the transition's order.
    public let assignments: [Assignment]

    /// Creates an applied step.
    public init(step: Step, due: CalendarDate?, effects: [String], assignments: [Assignment]) {
        self.step = step
        self.due = due
        self.effects = effects
        self.assignments = assignments
    }
}

/// What an evaluation records of a step when asked to detail its steps: the transition
/// (by index), its due date for an `at` trigger, and the values its `set` computed.
struct StepTrace: Sendable {
    let transition: Int
    let due: CalendarDate?
    let values: [Value]
}

extension Engine {
    /// Evaluates a record as ``evaluate(_:request:today:explain:)-(Record,_,_,_)`` does and also returns each step
    /// taken with its due date, effects and `set` values. Recording them costs one list
    /// per evaluation, so only hosts that store each step ask for them.
    ///
    /// - Throws: what ``evaluate(_:request:today:explain:)-(Record,_,_,_)`` throws.
    package func evaluateDetailingSteps(_ record: Record, request: Request = .evaluate, today: CalendarDate,
                                        explain: Bool = false) throws(Diagnostic) -> (EvaluationResult, [AppliedStep]) {
        let prepared = try prepare(record)
        let (result, traces) = try run(prepared, request: request, today: today, explain: explain, detailing: true)
        let policy = self.policy
        var from = result.previous
        let steps = (traces ?? []).map { trace in
            let transition = policy.transitions[trace.transition]
            let to = policy.statuses[transition.to].id
            let step = Step(transition: transition.id, from: from, to: to, mode: transition.mode, trigger: transition.triggerKind)
            from = to
            return AppliedStep(step: step, due: trace.due, effects: transition.effects,
                               assignments: zip(transition.assignments, trace.values).map { Assignment(fact: $0.fact, value: $1) })
        }
        return (result, steps)
    }
}
