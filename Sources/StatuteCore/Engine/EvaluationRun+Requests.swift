extension EvaluationRun {
    /// docs/policy-language.md: the automatic transitions on `event` from the current status, in file
    /// order; the first whose guard holds is taken. Returns whether one was taken.
    mutating func takeEvent(_ event: String) -> Bool {
        noteWrongStatus(.event) { if case .event(event) = $0.trigger { true } else { false } }
        let candidates = policy.eventTransitions[policy.stateIndex(status)][event] ?? []
        for (position, index) in candidates.enumerated() {
            let transition = policy.transitions[index]
            if let guardExpression = transition.guardExpression {
                let check = evaluateNow(guardExpression)
                guard check.holds else {
                    noteGuard(transition, .event, check, guardExpression)
                    continue
                }
                if explain {
                    note(transition, .event, .taken, values: check.values,
                         message: Narration.taken(transition, from: status, in: policy))
                }
            } else if explain {
                note(transition, .event, .taken, message: Narration.taken(transition, from: status, in: policy))
            }
            noteShadowed(after: transition, candidates: candidates[(position + 1)...], phase: .event, in: context)
            take(transition, trigger: .event)
            return true
        }
        return false
    }

    mutating func noteGuard(_ transition: Transition, _ phase: Phase, _ check: Check, _ guardExpression: CompiledExpression) {
        guard explain else { return }  // narrations are built only when explaining
        if check.isUnknown {
            note(transition, phase, .guardUnknown, values: check.values, nullNames: check.nullNames,
                 message: Narration.guardUnknown(transition, guardExpression, check.nullNames, in: policy))
        } else {
            note(transition, phase, .guardFalse, values: check.values,
                 message: Narration.guardFalse(transition, guardExpression, check.values, in: policy))
        }
    }

    /// docs/policy-language.md: a manual request. Returns the rejection, or `nil` when a transition was taken.
    mutating func takeManual(status target: String, role: String, transitionID: String?) throws(Diagnostic) -> ResultNote? {
        // A non-nil id resolves to an index or throws.
        let targetIndex = try engine.statusIndex(target, what: "the request")!
        let roleIndex = try engine.resolveRoleIndex(role)
        func permits(_ transition: Transition) -> Bool { policy.admittedRoles[transition.index].contains(roleIndex) }
        if let transitionID {
            guard let named = policy.transition(transitionID) else {
                throw Diagnostic.error(.unknownTransition, "unknown transition `\(transitionID)`", at: nil,
                                       help: Suggestions.didYouMean(transitionID, in: policy.transitions.map(\.id)))
            }
            guard named.mode == .manual, named.to == targetIndex else {
                throw Diagnostic.error(.unknownTransition,
                                       "transition `\(transitionID)` is not a manual transition to `\(target)`", at: nil,
                                       help: "name a manual transition whose `to` is `\(target)`, or leave `--transition` out")
            }
        }
        // The manual transitions to the target that apply from here, in file order: the
        // current state's table, filtered (no list is built unless a message needs one).
        let state = policy.stateIndex(status)
        func leadsToTarget(_ transition: Transition) -> Bool {
            transition.to == targetIndex && (transitionID == nil || transition.id == transitionID)
        }
        if explain {
            let toTarget = policy.transitions.filter { $0.mode == .manual && leadsToTarget($0) }
            noteWrongStatus(.manual) { transition in toTarget.contains { $0 === transition } }
        }
        var anyApplicable = false
        var anyPermitted = false
        for index in policy.manualTransitions[state] {
            let transition = policy.transitions[index]
            guard leadsToTarget(transition) else { continue }
            anyApplicable = true
            if permits(transition) {
                anyPermitted = true
            } else if explain {
                note(transition, .manual, .roleNotPermitted,
                     message: Narration.roleNotPermitted(transition, role: role, in: policy))
            }
        }
        guard anyApplicable else {
            let label = policy.statuses[targetIndex].label
            let toTarget = policy.transitions.filter { $0.mode == .manual && leadsToTarget($0) }
            let from = Narration.fromStatuses(of: toTarget, in: policy)
            let here = status.map { policy.statuses[$0].label } ?? "a new record"
            let message: String
            if let transitionID {
                // The user named one transition: say that it is the one that does not start here,
                // and point at the others that would set the status from here.
                let others = policy.transitions.filter {
                    $0.mode == .manual && $0.to == targetIndex && $0.applies(from: status)
                }.map { "`\($0.id)`" }
                let starts = from.map { $0 == "start" ? "a new record (`start`)" : $0 }
                message = "transition `\(transitionID)` does not start from \(here); it starts from: \(starts.joined(separator: ", "))"
                    + (others.isEmpty ? "" : "; to set \(label) from \(here) use \(others.joined(separator: " or "))")
            } else {
                message = from.isEmpty
                    ? "no manual transition sets \(label)"
                    : "no manual transition to \(label) from \(here); it can be set from: \(from.joined(separator: ", "))"
            }
            return .given(reason: message, rejection: Rejection(kind: .noTransition, message: message, allowedFrom: from,
                                                                allowedRoles: [], transition: nil, guardSource: nil,
                                                                values: []))
        }
        guard anyPermitted else {
            // The message and the admitted roles are written when the result is read.
            return .roleNotPermitted(role: role, target: targetIndex, transitionID: transitionID)
        }
        var firstFailure: (Transition, Check, CompiledExpression)?
        for index in policy.manualTransitions[state] {
            let transition = policy.transitions[index]
            guard leadsToTarget(transition), permits(transition) else { continue }
            if let guardExpression = transition.guardExpression {
                var check = evaluateNow(guardExpression)
                guard check.holds else {
                    noteGuard(transition, .manual, check, guardExpression)
                    if firstFailure == nil {
                        if !explain {  // re-run with a trace for the rejection's values
                            var trace = ExpressionTrace()
                            _ = guardExpression.evaluate(in: context, trace: &trace, cache: derived)
                            check.values = trace.values
                            check.nullNames = trace.nullNames
                        }
                        firstFailure = (transition, check, guardExpression)
                    }
                    continue
                }
            }
            if explain {
                note(transition, .manual, .taken, message: Narration.taken(transition, from: status, in: policy))
            }
            take(transition, trigger: .manual)
            return nil
        }
        let (transition, check, guardExpression) = firstFailure!
        let message = check.isUnknown
            ? Narration.guardUnknown(transition, guardExpression, check.nullNames, in: policy)
            : Narration.guardFalse(transition, guardExpression, check.values, in: policy)
        return .given(reason: message, rejection: Rejection(kind: .guardFalse, message: message, allowedFrom: [],
                                                            allowedRoles: [], transition: transition.id,
                                                            guardSource: guardExpression.source.text,
                                                            values: check.values))
    }
}
