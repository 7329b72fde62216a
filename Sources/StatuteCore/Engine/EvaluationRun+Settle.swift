extension EvaluationRun {
    /// docs/policy-language.md: repeatedly takes the first automatic `when`/`at` transition, in file
    /// order, from the current status whose trigger and guard hold, until none holds.
    /// Entering a status a second time (the starting status counts as entered) is an
    /// automatic cycle and an error.
    mutating func settle() throws(Diagnostic) {
        // The statuses entered ([start, first, …]), made only once a second step is taken:
        // most settles take none or one.
        let start = status
        var taken = 0
        var entered: [Int?] = []
        noteWrongStatus(.settle) { $0.triggerKind == .when || $0.triggerKind == .at }
        while let transition = explain ? nextSettleTransition(ExplainingSettle.self) : nextSettleTransition(SilentSettle.self) {
            let from = status
            take(transition, trigger: transition.triggerKind)
            taken += 1
            if taken == 2 { entered = [start, from] }
            if taken == 1 ? status == start : entered.contains(status) {
                let before = taken == 1 ? [start] : Array(entered.drop { $0 != status })
                let path = (before + [status]).map { id($0) ?? "start" }
                throw Diagnostic.error(.automaticCycle,
                                       "automatic transitions form a cycle: \(path.map { "`\($0)`" }.joined(separator: " -> "))",
                                       at: transition.span,
                                       help: "transition `\(transition.id)` from `\(id(from) ?? "start")` re-enters `\(id(status) ?? "start")`; make one of the guards exclude the other")
            }
            if taken > 1 { entered.append(status) }
        }
    }

    /// The first `when`/`at` transition from the current status whose trigger and guard
    /// hold, in file order. The one loop for both modes: `Observer` reads each trigger and
    /// guard and is told why each candidate was passed over — ``SilentSettle`` (explain
    /// off) only reads values and compiles to a loop with no narration at all, and
    /// ``ExplainingSettle`` records every consideration. Both take the same decisions.
    private mutating func nextSettleTransition<Observer: SettleObserver>(_: Observer.Type) -> Transition? {
        engine.storage.settleCandidates[policy.stateIndex(status)].withUnsafeBufferPointer { candidates in
            for position in candidates.indices {
                let candidate = candidates[position]
                let trigger = Observer.read(candidate.trigger, in: &self)
                var due: CalendarDate?
                if candidate.isAt {
                    guard case .date(let date) = Observer.value(of: trigger) else {
                        Observer.dateUnknown(candidate, trigger, in: &self)
                        continue
                    }
                    guard context.today >= date else {
                        Observer.notDue(candidate, date, trigger, in: &self)
                        continue
                    }
                    due = date
                } else {
                    guard case .bool(true) = Observer.value(of: trigger) else {
                        Observer.conditionNotMet(candidate, trigger, in: &self)
                        continue
                    }
                }
                var guardReading: Observer.Reading?
                if let guardExpression = candidate.guardExpression {
                    let reading = Observer.read(guardExpression, in: &self)
                    guard case .bool(true) = Observer.value(of: reading) else {
                        Observer.guardNotMet(candidate, trigger, reading, in: &self)
                        continue
                    }
                    guardReading = reading
                }
                Observer.taken(candidate, due: due, trigger, guardReading, passing: candidates[(position + 1)...], in: &self)
                return candidate.transition.takeUnretainedValue()
            }
            return nil
        }
    }

    /// Explains an `at` transition whose date has not come. When its guard would not
    /// hold on that date either, that is the real reason it will not fire, so say so
    /// (e.g. "Expiring needs `settings.expiring_notice_days` above 0").
    fileprivate mutating func noteNotDue(_ transition: Transition, due: CalendarDate, dateValues: [NamedValue]) {
        if let guardExpression = transition.guardExpression {
            var then = context
            then.today = due
            let check = evaluate(guardExpression, in: then)
            if !check.holds {
                let values = dateValues + check.values.filter { !dateValues.contains($0) }
                let reason = check.isUnknown
                    ? Narration.guardUnknown(transition, guardExpression, check.nullNames, in: policy)
                    : Narration.guardFalse(transition, guardExpression, check.values, in: policy)
                note(transition, .settle, check.isUnknown ? .guardUnknown : .guardFalse, date: due, values: values,
                     nullNames: check.nullNames, message: reason + "; so it will not fire on \(due) either")
                return
            }
        }
        note(transition, .settle, .triggerNotMet, date: due, values: dateValues,
             message: Narration.notDue(transition, due, today: context.today, in: policy))
    }

    /// docs/policy-language.md `next`: the earliest date after today on which an `at` transition from
    /// the final status would fire if facts stay as they are — its date computed as of
    /// today, its guard evaluated as if that date were today; ties go to file order.
    mutating func nextChange() -> (transition: Int, date: CalendarDate)? {
        engine.storage.settleCandidates[policy.stateIndex(status)].withUnsafeBufferPointer { candidates in
            var best: (transition: Int, date: CalendarDate)?
            for candidate in candidates where candidate.isAt {
                let date = candidate.trigger._withUnsafeGuaranteedRef { $0.evaluate(in: context, cache: derived) }
                guard case .date(let due) = date, due > context.today else { continue }
                if let guardExpression = candidate.guardExpression {
                    let holds = guardExpression._withUnsafeGuaranteedRef { $0.evaluate(in: context, today: due) }
                    guard case .bool(true) = holds else { continue }
                }
                if best == nil || due < best!.date {
                    best = (candidate.transition._withUnsafeGuaranteedRef(\.index), due)
                }
            }
            return best
        }
    }
}

/// What the settle loop (``EvaluationRun/nextSettleTransition(_:)``) asks of its mode:
/// how to read an expression, and what to do when a candidate is passed over or taken.
protocol SettleObserver {
    /// What reading an expression gives: its value, and whatever the mode keeps beside it.
    associatedtype Reading
    /// Reads a trigger or guard in the run's context, sharing its derived values.
    static func read(_ expression: Unmanaged<CompiledExpression>, in run: inout EvaluationRun) -> Reading
    /// The value read.
    static func value(of reading: Reading) -> Value
    /// A `when` condition that is false or unknown.
    static func conditionNotMet(_ candidate: SettleCandidate, _ condition: Reading, in run: inout EvaluationRun)
    /// An `at` expression that gave no date.
    static func dateUnknown(_ candidate: SettleCandidate, _ date: Reading, in run: inout EvaluationRun)
    /// An `at` date that has not come.
    static func notDue(_ candidate: SettleCandidate, _ due: CalendarDate, _ date: Reading, in run: inout EvaluationRun)
    /// A trigger that holds with a guard that does not.
    static func guardNotMet(_ candidate: SettleCandidate, _ trigger: Reading, _ guardReading: Reading,
                            in run: inout EvaluationRun)
    /// The candidate taken, and the later ones of the same round it was chosen over.
    static func taken(_ candidate: SettleCandidate, due: CalendarDate?, _ trigger: Reading, _ guardReading: Reading?,
                      passing later: Slice<UnsafeBufferPointer<SettleCandidate>>, in run: inout EvaluationRun)
}

/// Explain off: reads values only; every note is empty and inlined away.
enum SilentSettle: SettleObserver {
    @inline(__always)
    static func read(_ expression: Unmanaged<CompiledExpression>, in run: inout EvaluationRun) -> Value {
        expression._withUnsafeGuaranteedRef { $0.evaluate(in: run.context, cache: run.derived) }
    }

    @inline(__always) static func value(of reading: Value) -> Value { reading }
    @inline(__always) static func conditionNotMet(_ candidate: SettleCandidate, _ condition: Value, in run: inout EvaluationRun) {}
    @inline(__always) static func dateUnknown(_ candidate: SettleCandidate, _ date: Value, in run: inout EvaluationRun) {}
    @inline(__always)
    static func notDue(_ candidate: SettleCandidate, _ due: CalendarDate, _ date: Value, in run: inout EvaluationRun) {}
    @inline(__always)
    static func guardNotMet(_ candidate: SettleCandidate, _ trigger: Value, _ guardReading: Value, in run: inout EvaluationRun) {}
    @inline(__always)
    static func taken(_ candidate: SettleCandidate, due: CalendarDate?, _ trigger: Value, _ guardReading: Value?,
                      passing later: Slice<UnsafeBufferPointer<SettleCandidate>>, in run: inout EvaluationRun) {}
}

/// Explain on: reads each name with its value and records a consideration for every
/// candidate — passed over and why, or taken (and the later ones it was chosen over).
enum ExplainingSettle: SettleObserver {
    static func read(_ expression: Unmanaged<CompiledExpression>, in run: inout EvaluationRun) -> EvaluationRun.Check {
        run.evaluateNow(expression.takeUnretainedValue())
    }

    static func value(of reading: EvaluationRun.Check) -> Value { reading.value }

    static func conditionNotMet(_ candidate: SettleCandidate, _ check: EvaluationRun.Check, in run: inout EvaluationRun) {
        let transition = candidate.transition.takeUnretainedValue()
        let condition = candidate.trigger.takeUnretainedValue()
        if check.isUnknown {
            run.note(transition, .settle, .triggerNotMet, values: check.values, nullNames: check.nullNames,
                     message: Narration.conditionUnknown(transition, condition, check.nullNames, in: run.policy))
        } else {
            run.note(transition, .settle, .triggerNotMet, values: check.values,
                     message: Narration.conditionFalse(transition, condition, check.values, in: run.policy))
        }
    }

    static func dateUnknown(_ candidate: SettleCandidate, _ check: EvaluationRun.Check, in run: inout EvaluationRun) {
        let transition = candidate.transition.takeUnretainedValue()
        run.note(transition, .settle, .triggerNotMet, values: check.values, nullNames: check.nullNames,
                 message: Narration.dateUnknown(transition, candidate.trigger.takeUnretainedValue(), check.nullNames,
                                                in: run.policy))
    }

    static func notDue(_ candidate: SettleCandidate, _ due: CalendarDate, _ check: EvaluationRun.Check,
                       in run: inout EvaluationRun) {
        run.noteNotDue(candidate.transition.takeUnretainedValue(), due: due, dateValues: check.values)
    }

    static func guardNotMet(_ candidate: SettleCandidate, _ trigger: EvaluationRun.Check, _ check: EvaluationRun.Check,
                            in run: inout EvaluationRun) {
        let combined = EvaluationRun.Check(value: check.value,
                                           values: trigger.values + check.values.filter { !trigger.values.contains($0) },
                                           nullNames: check.nullNames)
        run.noteGuard(candidate.transition.takeUnretainedValue(), .settle, combined,
                      candidate.guardExpression!.takeUnretainedValue())
    }

    static func taken(_ candidate: SettleCandidate, due: CalendarDate?, _ trigger: EvaluationRun.Check,
                      _ guardReading: EvaluationRun.Check?, passing later: Slice<UnsafeBufferPointer<SettleCandidate>>,
                      in run: inout EvaluationRun) {
        let transition = candidate.transition.takeUnretainedValue()
        var values = trigger.values
        if let guardReading { values += guardReading.values.filter { !values.contains($0) } }
        run.note(transition, .settle, .taken, date: due, values: values,
                 message: Narration.taken(transition, from: run.status, in: run.policy, date: due))
        let indices = later.map { $0.transition.takeUnretainedValue().index }
        run.noteShadowed(after: transition, candidates: indices[...], phase: .settle, in: run.context)
    }
}
