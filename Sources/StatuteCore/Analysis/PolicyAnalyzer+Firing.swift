/// `never-fires` and `setting-disables-transition`: transitions whose trigger or guard
/// cannot hold, always or while the settings keep their defaults.
extension PolicyAnalyzer {
    struct FiringResult {
        var findings: [Finding] = []
        /// (earlier, later) transition indices where the earlier one shadows the later
        /// completely; `order-decides` says nothing more about them.
        var shadowedPairs: Set<[Int]> = []
    }

    static func firingFindings(_ context: AnalysisContext) -> FiringResult {
        let constants = ConstantEvaluation(policy: context.policy)
        var result = FiringResult()
        for transition in context.policy.transitions {
            if let finding = constantlyFalse(transition, context, constants) {
                result.findings.append(finding)
            } else if let (finding, earlier) = shadowed(transition, context, constants) {
                result.findings.append(finding)
                result.shadowedPairs.insert([earlier, transition.index])
            }
            if let finding = disabledBySettings(transition, context, constants) {
                result.findings.append(finding)
            }
        }
        return result
    }

    /// An automatic transition whose `when`, `at` or `guard` reads no name and never holds.
    private static func constantlyFalse(_ transition: Transition, _ context: AnalysisContext,
                                        _ constants: ConstantEvaluation) -> Finding? {
        guard transition.mode == .automatic else { return nil }
        // Every name of a compiled expression is in its `reads`: an expression with no
        // reads is one whose tree has no name, found without walking it.
        var checks: [(String, CompiledExpression, ExpressionPurpose)] = []
        switch transition.trigger {
        case .when(let e) where e.reads.isEmpty: checks.append(("its `when`", e, .condition))
        case .at(let e) where e.reads.isEmpty: checks.append(("its `at`", e, .date))
        default: break
        }
        if let g = transition.guardExpression, g.reads.isEmpty { checks.append(("its guard", g, .condition)) }
        for (what, expression, purpose) in checks {
            let syntax = expression.unpackedSyntax()
            guard let value = constants.value(of: syntax, for: purpose) else { continue }
            let never: String?
            switch purpose {
            case .date: never = value.isNull ? "is always null, so nothing is scheduled" : nil
            default: never = value == .bool(true) ? nil : "is always \(value)"
            }
            guard let never else { continue }
            return Finding(diagnostic: .warning(
                .neverFires, "transition `\(transition.id)` never fires: \(what) `\(syntax)` \(never)",
                at: syntax.span, help: "fix the expression, or remove the transition"), transitions: [transition.index])
        }
        return nil
    }

    /// An automatic transition an earlier one always pre-empts: same trigger, every
    /// status it applies from, and no guard (or a guard that always holds).
    private static func shadowed(_ transition: Transition, _ context: AnalysisContext,
                                 _ constants: ConstantEvaluation) -> (Finding, Int)? {
        guard transition.mode == .automatic, let key = context.triggerKeys[transition.index] else { return nil }
        // An earlier transition that shadows this one applies from each of its states, so
        // the candidates are those listed under any one of them (all of the key's when it
        // has none).
        let candidates: [Int]
        // The first of its states (see `AnalysisContext.states(of:statusCount:)`), without sorting them.
        if let state = transition.fromStatuses.min() ?? (transition.fromStart ? context.policy.statuses.count : nil) {
            candidates = context.transitions(withKey: key, from: state)
        } else {
            candidates = context.byTriggerKey[key]
        }
        for index in candidates where index < transition.index {
            let earlier = context.policy.transitions[index]
            guard !transition.fromStart || earlier.fromStart,
                  transition.fromStatuses.isSubset(of: earlier.fromStatuses) else { continue }
            if let g = earlier.guardExpression,
               !(g.reads.isEmpty && constants.value(of: g.unpackedSyntax(), for: .condition) == .bool(true)) {
                continue
            }
            let message = "transition `\(transition.id)` never fires: `\(earlier.id)` comes first, "
                + "with the same trigger and no guard, from every status `\(transition.id)` applies from"
            return (Finding(diagnostic: .warning(.neverFires, message, at: context.idSpan(of: transition),
                                                 help: "give `\(earlier.id)` a guard, or move `\(transition.id)` above it"),
                            transitions: [transition.index, earlier.index]), earlier.index)
        }
        return nil
    }

    /// A transition whose `when` or guard (or one of its `&&` conditions) reads only
    /// settings and does not hold with their defaults, whatever the facts.
    private static func disabledBySettings(_ transition: Transition, _ context: AnalysisContext,
                                           _ constants: ConstantEvaluation) -> Finding? {
        var conditions: [CompiledExpression] = []
        // Only a condition that reads a setting (directly or through a derived value that
        // reads settings only) has a part that reads settings; the others are not walked.
        if case .when(let e) = transition.trigger, constants.mayReadSettings(e) { conditions.append(e) }
        if let g = transition.guardExpression, constants.mayReadSettings(g) { conditions.append(g) }
        for condition in conditions {
            // A condition that is one part reading a fact (or `today`) has nothing to find:
            // its tree is unpacked only when some part may read settings alone.
            guard condition.shape.isConjunction || constants.readsOnlySettings(condition) else { continue }
            for part in condition.unpackedSyntax().conjuncts {
                guard let settings = constants.settingsRead(by: part), !settings.isEmpty,
                      let value = constants.value(of: part, for: .condition), value != .bool(true) else { continue }
                let names = settings.sorted()
                let defaults = names.map(constants.defaultText(of:))
                let keeps = names.count == 1
                    ? "`\(names[0])` keeps its default \(defaults[0])"
                    : "\(AnalysisContext.list(names)) keep their defaults \(defaults.joined(separator: ", "))"
                let verb = transition.mode == .automatic ? "never fires" : "is always refused"
                let help = "\(enabling(part, constants)), or acknowledge this with "
                    + "`acknowledge: {setting-disables-transition: \"why\"}`"
                return Finding(diagnostic: .warning(
                    .settingDisablesTransition, "transition `\(transition.id)` \(verb) while \(keeps)",
                    at: part.span, help: help), transitions: [transition.index])
            }
        }
        return nil
    }

    /// How to change a setting so that `condition` holds, in words.
    private static func enabling(_ condition: ExpressionSyntax, _ constants: ConstantEvaluation) -> String {
        func setting(_ syntax: ExpressionSyntax) -> String? {
            if case .name(let name) = syntax.kind, name.hasPrefix("settings.") { return String(name.dropFirst(9)) }
            return nil
        }
        switch condition.kind {
        case .name:
            if let name = setting(condition) { return "set `\(name)` to true to enable it" }
        case .unary(.not, let operand):
            if let name = setting(operand) { return "set `\(name)` to false to enable it" }
        case .binary(let op, let lhs, let rhs):
            if let name = setting(lhs), case .literal(let literal) = rhs.kind {
                let value = ExpressionSyntax(.literal(literal), span: rhs.span).description
                let words: String? = switch op {
                case .greater: "above \(value)"
                case .greaterOrEqual: "to \(value) or more"
                case .less: "below \(value)"
                case .lessOrEqual: "to \(value) or less"
                case .equal: "to \(value)"
                case .notEqual: "to a value other than \(value)"
                default: nil
                }
                if let words { return "set `\(name)` \(words) to enable it" }
            }
        default: break
        }
        return "change the settings so that `\(condition)` holds to enable it"
    }

    /// What makes two automatic transitions compete: the same event, or the same `when`
    /// or `at` expression (equal trees, which is equal canonical text; compared and
    /// hashed packed, without printing or unpacking it, and only once per transition:
    /// ``AnalysisContext`` numbers the keys).
    enum TriggerKey: Hashable {
        case event(String)
        case when(SyntaxShape)
        case at(SyntaxShape)
    }

    /// The trigger key of an automatic transition; `nil` for a manual one.
    static func triggerKey(_ transition: Transition) -> TriggerKey? {
        switch transition.trigger {
        case .event(let name): .event(name)
        case .when(let e): .when(e.shape)
        case .at(let e): .at(e.shape)
        case .manual: nil
        }
    }
}
