/// What transitions are checked against.
struct TransitionContext {
    let document: PolicyDocument
    let statuses: [Status]
    let roles: [Role]
    let environment: ExpressionEnvironment
    /// Status indices by id, so that resolving a transition's statuses is not a search.
    let statusIndexByID: [String: Int]
    /// Declared names, worked out once rather than per transition.
    let eventNames: [String]
    let eventSet: Set<String>
    let effectSet: Set<String>
    let roleNames: [String]
    let roleSet: Set<String>
    let factNames: [String]
    /// A fact's first slot by name (as `firstIndex(of:)` finds it).
    let factSlotByName: [String: Int]
    /// Expressions compiled so far, by text and purpose: each distinct one is compiled once.
    let expressions = ExpressionCache()

    init(document: PolicyDocument, statuses: [Status], roles: [Role], environment: ExpressionEnvironment) {
        self.document = document
        self.statuses = statuses
        self.roles = roles
        self.environment = environment
        var byID: [String: Int] = [:]
        for status in statuses where byID[status.id] == nil { byID[status.id] = status.index }
        self.statusIndexByID = byID
        self.eventNames = document.events.map(\.name.value)
        self.eventSet = Set(eventNames)
        self.effectSet = Set(document.effects.map(\.name.value))
        self.roleNames = roles.map(\.name)
        self.roleSet = Set(roleNames)
        self.factNames = document.facts.map(\.name.value)
        var slots: [String: Int] = [:]
        for (slot, name) in factNames.enumerated() where slots[name] == nil { slots[name] = slot }
        self.factSlotByName = slots
    }

    var statusIDs: [String] { statuses.map(\.id) }
    func statusIndex(_ id: String) -> Int? { statusIndexByID[id] }
}

extension PolicyCompiler {
    func compileTransitions(_ context: TransitionContext, into diagnostics: inout [Diagnostic]) -> [Transition] {
        var seenIDs: [String: SourceSpan] = [:]
        var transitions: [Transition] = []
        for declaration in context.document.transitions {
            let id = declaration.id
            if !Identifier.isValidID(id.value) {
                diagnostics.append(.error(.invalidIdentifier, "invalid transition id `\(id.value)`", at: id.span,
                                          help: "transition ids match `[a-z][a-z0-9_-]*`"))
            }
            if let first = seenIDs[id.value] {
                diagnostics.append(Diagnostic.error(.duplicateTransition, "transition id `\(id.value)` is used twice",
                                                    at: id.span, help: "the first use is at line \(first.start.line)")
                    .noting("`\(id.value)` is first used here", at: first))
            } else {
                seenIDs[id.value] = id.span
            }
            if let transition = compileTransition(declaration, index: transitions.count, context, into: &diagnostics) {
                transitions.append(transition)
            }
        }
        return transitions
    }

    private func compileTransition(_ declaration: TransitionDeclaration, index: Int, _ context: TransitionContext,
                                   into diagnostics: inout [Diagnostic]) -> Transition? {
        var ok = true
        let (fromStart, fromStatuses) = resolveFrom(declaration, context, ok: &ok, into: &diagnostics)

        var target: Int?
        if let to = declaration.to {
            target = context.statusIndex(to.value)
            if target == nil {
                ok = false
                let help = to.value == "start"
                    ? "`start` can only stand in `from`: a transition cannot make a record new again"
                    : Suggestions.didYouMean(to.value, in: context.statusIDs)
                diagnostics.append(.error(.unknownStatus, "unknown status `\(to.value)`", at: to.span, help: help))
            }
        } else {
            ok = false
        }

        let trigger = resolveTrigger(declaration, context, ok: &ok, into: &diagnostics)
        let guardExpression = declaration.guardExpression.flatMap {
            compileExpression($0, for: .condition, context, ok: &ok, into: &diagnostics)
        }
        let assignments = resolveAssignments(declaration, context, ok: &ok, into: &diagnostics)
        for effect in declaration.effects where !context.effectSet.contains(effect.value) {
            ok = false
            diagnostics.append(.error(.unknownEffect, "unknown effect `\(effect.value)`", at: effect.span,
                                      help: Suggestions.didYouMean(effect.value, in: context.document.effects.map(\.name.value))
                                        ?? "declare it under `effects:`"))
        }

        guard ok, let target, let trigger, let mode = declaration.mode?.value else { return nil }
        return Transition(id: declaration.id.value, index: index, fromStart: fromStart,
                          fromStatuses: fromStatuses, fromWritten: declaration.from.map(\.value), to: target,
                          mode: mode, trigger: trigger, guardExpression: guardExpression,
                          assignments: assignments, effects: declaration.effects.map(\.value),
                          description: declaration.description, span: declaration.span)
    }

    private func resolveFrom(_ declaration: TransitionDeclaration, _ context: TransitionContext, ok: inout Bool,
                             into diagnostics: inout [Diagnostic]) -> (Bool, Set<Int>) {
        var fromStart = false
        var fromStatuses = Set<Int>(minimumCapacity: declaration.from.count)
        if declaration.from.isEmpty, declaration.mode != nil {
            diagnostics.append(.error(.emptyFrom, "transition `\(declaration.id.value)` applies from no status",
                                      at: declaration.id.span,
                                      help: "give `from` a status, a list of statuses, `start` or \"*\""))
            ok = false
        }
        for item in declaration.from {
            switch item.value {
            case .start:
                fromStart = true
            case .anyStatus:
                for status in context.statuses where !status.isFinal { fromStatuses.insert(status.index) }
            case .status(let id):
                guard let index = context.statusIndex(id) else {
                    ok = false
                    diagnostics.append(.error(.unknownStatus, "unknown status `\(id)`", at: item.span,
                                              help: Suggestions.didYouMean(id, in: context.statusIDs + ["start"])))
                    continue
                }
                if context.statuses[index].isFinal {
                    ok = false
                    diagnostics.append(.error(.finalStatusHasTransitions,
                                              "status `\(id)` is final, so no transition may leave it",
                                              at: item.span,
                                              help: "remove `\(id)` from `from`, or remove `final: true` from the status"))
                }
                fromStatuses.insert(index)
            }
        }
        return (fromStart, fromStatuses)
    }

    private func resolveTrigger(_ declaration: TransitionDeclaration, _ context: TransitionContext, ok: inout Bool,
                                into diagnostics: inout [Diagnostic]) -> Trigger? {
        guard let mode = declaration.mode else { ok = false; return nil }
        let id = declaration.id.value
        var given: [(key: String, span: SourceSpan)] = []
        if let event = declaration.event { given.append(("on", event.span)) }
        if let when = declaration.when { given.append(("when", when.span)) }
        if let at = declaration.at { given.append(("at", at.span)) }

        switch mode.value {
        case .manual:
            for trigger in given {
                ok = false
                diagnostics.append(.error(.triggerOnManual, "manual transition `\(id)` cannot have `\(trigger.key)`",
                                          at: trigger.span,
                                          help: "manual transitions happen only when a person asks; use `mode: automatic` for a triggered transition"))
            }
            guard let roles = declaration.roles, !roles.isEmpty else {
                ok = false
                diagnostics.append(.error(.missingRoles, "manual transition `\(id)` does not say who may request it",
                                          at: mode.span, help: "add `by:` with a role or a list of roles"))
                return nil
            }
            let names = context.roleNames
            for role in roles where !context.roleSet.contains(role.value) {
                ok = false
                diagnostics.append(.error(.unknownRole, "unknown role `\(role.value)`", at: role.span,
                                          help: Suggestions.didYouMean(role.value, in: names)
                                              ?? (names.isEmpty ? "declare it under `roles:`" : Suggestions.didYouMeanOrList(role.value, in: names, kind: "roles"))))
            }
            return .manual(roles: roles.map(\.value))

        case .automatic:
            if let roles = declaration.roles, let first = roles.first {
                ok = false
                diagnostics.append(.error(.rolesOnAutomatic, "automatic transition `\(id)` cannot have `by`",
                                          at: first.span,
                                          help: "the engine takes automatic transitions by itself; use `mode: manual` for a transition staff request"))
            }
            if given.isEmpty {
                ok = false
                diagnostics.append(.error(.missingTrigger, "automatic transition `\(id)` has no trigger",
                                          at: mode.span, help: "add exactly one of `on` (an event), `when` (a condition) or `at` (a date)"))
                return nil
            }
            if given.count > 1 {
                ok = false
                diagnostics.append(.error(.conflictingTriggers,
                                          "automatic transition `\(id)` has both `\(given[0].key)` and `\(given[1].key)`",
                                          at: given[1].span, help: "an automatic transition has exactly one of `on`, `when` and `at`"))
                return nil
            }
            if let event = declaration.event {
                guard context.eventSet.contains(event.value) else {
                    let events = context.eventNames
                    ok = false
                    diagnostics.append(.error(.unknownEvent, "unknown event `\(event.value)`", at: event.span,
                                              help: Suggestions.didYouMean(event.value, in: events) ?? "declare it under `events:`"))
                    return nil
                }
                return .event(event.value)
            }
            if let when = declaration.when {
                return compileExpression(when, for: .condition, context, ok: &ok, into: &diagnostics).map(Trigger.when)
            }
            if let at = declaration.at {
                return compileExpression(at, for: .date, context, ok: &ok, into: &diagnostics).map(Trigger.at)
            }
            return nil
        }
    }

    private func resolveAssignments(_ declaration: TransitionDeclaration, _ context: TransitionContext, ok: inout Bool,
                                    into diagnostics: inout [Diagnostic]) -> [CompiledAssignment] {
        var assignments: [CompiledAssignment] = []
        var seen = Set<String>()
        for assignment in declaration.assignments {
            let name = assignment.fact.value
            guard let slot = context.factSlotByName[name] else {
                let factNames = context.factNames
                ok = false
                diagnostics.append(.error(.unknownFact, "unknown fact `\(name)`", at: assignment.fact.span,
                                          help: Suggestions.didYouMean(name, in: factNames) ?? "declare it under `facts:`"))
                continue
            }
            if !seen.insert(name).inserted {
                ok = false
                diagnostics.append(.error(.duplicateAssignment, "fact `\(name)` is set twice", at: assignment.fact.span))
            }
            let type = context.document.facts[slot].type.value
            if let value = compileExpression(assignment.value, for: .value(type), context, ok: &ok, into: &diagnostics) {
                assignments.append(CompiledAssignment(fact: name, slot: slot, value: value))
            }
        }
        return assignments
    }

    private func compileExpression(_ source: EmbeddedText, for purpose: ExpressionPurpose, _ context: TransitionContext,
                                   ok: inout Bool, into diagnostics: inout [Diagnostic]) -> CompiledExpression? {
        let (compiled, problems) = context.expressions.compile(source, for: purpose, in: context.environment)
        diagnostics += problems
        if compiled == nil || problems.hasErrors { ok = false }
        return compiled
    }
}
