import StatuteCore

extension PolicyDiffBuilder {
    /// `start`, `*` and status ids as written, sorted so that order in the list does not count.
    static func from(_ transition: Transition) -> String {
        transition.fromWritten.map { item -> String in
            switch item {
            case .start: "start"
            case .anyStatus: "*"
            case .status(let id): id
            }
        }.sorted().joined(separator: ", ")
    }

    /// `on apply`, `when <expr>`, `at <expr>` or `manual`.
    static func trigger(_ transition: Transition) -> String {
        switch transition.trigger {
        case .event(let name): "on \(name)"
        case .when(let expression): "when \(expression.unpackedSyntax().description)"
        case .at(let expression): "at \(expression.unpackedSyntax().description)"
        case .manual: "manual"
        }
    }

    static func summary(_ transition: Transition, in policy: CompiledPolicy) -> String {
        var text = "\(transition.mode.rawValue) from \(from(transition)) to \(policy.statuses[transition.to].id)"
        if case .manual = transition.trigger {
            text += " by " + transition.roles.joined(separator: ", ")
        } else {
            text += ", " + trigger(transition)
        }
        if let guardExpression = transition.guardExpression { text += ", guard \(guardExpression.unpackedSyntax().description)" }
        if !transition.effects.isEmpty { text += ", effects " + transition.effects.joined(separator: ", ") }
        return text
    }

    mutating func transitions(_ old: CompiledPolicy, _ new: CompiledPolicy) {
        match(.transition, old.transitions, new.transitions, key: \.id,
              summary: { PolicyDiffBuilder.summary($0, in: old) },
              newSummary: { PolicyDiffBuilder.summary($0, in: new) }) { b, o, n in
            let id = n.id
            b.field(.transition, id, "mode", o.mode.rawValue, n.mode.rawValue)
            b.field(.transition, id, "from", PolicyDiffBuilder.from(o), PolicyDiffBuilder.from(n))
            b.field(.transition, id, "to", old.statuses[o.to].id, new.statuses[n.to].id)
            if case .manual = o.trigger, case .manual = n.trigger {} else {
                b.field(.transition, id, "trigger", PolicyDiffBuilder.trigger(o), PolicyDiffBuilder.trigger(n))
            }
            b.field(.transition, id, "guard", o.guardExpression?.unpackedSyntax().description, n.guardExpression?.unpackedSyntax().description)
            let oldRoles = o.roles.sorted().joined(separator: ", "), newRoles = n.roles.sorted().joined(separator: ", ")
            b.field(.transition, id, "roles", oldRoles.isEmpty ? nil : oldRoles, newRoles.isEmpty ? nil : newRoles)
            b.field(.transition, id, "effects", o.effects.isEmpty ? nil : o.effects.joined(separator: ", "),
                    n.effects.isEmpty ? nil : n.effects.joined(separator: ", "))
            var facts = o.assignments.map(\.fact)
            for fact in n.assignments.map(\.fact) where !facts.contains(fact) { facts.append(fact) }
            for fact in facts {
                b.field(.transition, id, "set \(fact)",
                        o.assignments.first { $0.fact == fact }?.value.unpackedSyntax().description,
                        n.assignments.first { $0.fact == fact }?.value.unpackedSyntax().description)
            }
            b.field(.transition, id, "description", o.description, n.description)
        }
        // Priority: the order of the transitions both policies have.
        let common = Set(old.transitions.map(\.id)).intersection(new.transitions.map(\.id))
        let oldOrder = old.transitions.map(\.id).filter(common.contains)
        let newOrder = new.transitions.map(\.id).filter(common.contains)
        guard oldOrder != newOrder else { return }
        for (position, id) in newOrder.enumerated() {
            guard let before = oldOrder.firstIndex(of: id), before != position else { continue }
            field(.transition, id, "priority", "\(before + 1) of \(oldOrder.count)", "\(position + 1) of \(newOrder.count)")
        }
    }
}
