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
        while let transition = nextSettleTransition() {
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

    /// The first `when`/`at` transition from the current status whose trigger and guard hold.
    private mutating func nextSettleTransition() -> Transition? {
        guard explain else { return firstSettleTransition() }
        let candidates = policy.settleTransitions[policy.stateIndex(status)]
        for (position, index) in candidates.enumerated() {
            let transition = policy.transitions[index]
            var values: [NamedValue] = []
            var date: CalendarDate?
            switch transition.trigger {
            case .when(let condition):
                let check = evaluateNow(condition)
                values = check.values
                guard check.holds else {
                    if explain, check.isUnknown {
                        note(transition, .settle, .triggerNotMet, values: check.values, nullNames: check.nullNames,
                             message: Narration.conditionUnknown(transition, condition, check.nullNames, in: policy))
                    } else if explain {
                        note(transition, .settle, .triggerNotMet, values: check.values,
                             message: Narration.conditionFalse(transition, condition, check.values, in: policy))
                    }
                    continue
                }
            case .at(let dateExpression):
                let check = evaluateNow(dateExpression)
                values = check.values
                guard let due = check.value.dateValue else {
                    if explain {
                        note(transition, .settle, .triggerNotMet, values: check.values, nullNames: check.nullNames,
                             message: Narration.dateUnknown(transition, dateExpression, check.nullNames, in: policy))
                    }
                    continue
                }
                date = due
                guard context.today >= due else {
                    noteNotDue(transition, due: due, dateValues: check.values)
                    continue
                }
            case .event, .manual:
                continue
            }
            if let guardExpression = transition.guardExpression {
                let check = evaluateNow(guardExpression)
                guard check.holds else {
                    if explain {
                        let combined = Check(value: check.value,
                                             values: values + check.values.filter { !values.contains($0) },
                                             nullNames: check.nullNames)
                        noteGuard(transition, .settle, combined, guardExpression)
                    }
                    continue
                }
                if explain { values += check.values.filter { !values.contains($0) } }
            }
            if explain {
                note(transition, .settle, .taken, date: date, values: values,
                     message: Narration.taken(transition, from: status, in: policy, date: date))
            }
            if explain {
                noteShadowed(after: transition, candidates: candidates[(position + 1)...], phase: .settle, in: context)
            }
            return transition
        }
        return nil
    }

    /// ``nextSettleTransition()`` with explain off: the same decisions, with no values or
    /// narration collected and no trigger copied (each transition's condition or date is
    /// read from ``Transition/triggerExpression``).
    private func firstSettleTransition() -> Transition? {
        engine.storage.settleCandidates[policy.stateIndex(status)].withUnsafeBufferPointer { candidates in
            for candidate in candidates {
                let value = candidate.trigger._withUnsafeGuaranteedRef { $0.evaluate(in: context, cache: derived) }
                if candidate.isAt {
                    guard case .date(let due) = value, context.today >= due else { continue }
                } else {
                    guard case .bool(true) = value else { continue }
                }
                if let guardExpression = candidate.guardExpression {
                    let holds = guardExpression._withUnsafeGuaranteedRef { $0.evaluate(in: context, cache: derived) }
                    guard case .bool(true) = holds else { continue }
                }
                return candidate.transition.takeUnretainedValue()
            }
            return nil
        }
    }

    /// Explains an `at` transition whose date has not come. When its guard would not
    /// hold on that date either, that is the real reason it will not fire, so say so
    /// (e.g. "Expiring needs `settings.expiring_notice_days` above 0").
    private mutating func noteNotDue(_ transition: Transition, due: CalendarDate, dateValues: [NamedValue]) {
        guard explain else { return }
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
