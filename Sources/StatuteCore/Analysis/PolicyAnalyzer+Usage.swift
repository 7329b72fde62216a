/// `unused-declaration`: settings, facts, derived values, events, effects and roles
/// nothing uses.
extension PolicyAnalyzer {
    static func usageFindings(_ context: AnalysisContext) -> [Finding] {
        let policy = context.policy
        var read = Set<String>()
        for expression in context.allExpressions {
            for reference in expression.reads { read.insert(reference.name) }
        }
        let assigned = Set(policy.transitions.flatMap { $0.assignments.map(\.fact) })
        var events = Set<String>()
        var effects = Set<String>()
        var requestedBy = Set<String>()
        for transition in policy.transitions {
            if case .event(let name) = transition.trigger { events.insert(name) }
            effects.formUnion(transition.effects)
            requestedBy.formUnion(transition.roles)
        }

        var findings: [Finding] = []
        func unused(_ span: SourceSpan, _ message: String, _ help: String) {
            findings.append(Finding(diagnostic: .warning(.unusedDeclaration, message, at: span, help: help), transitions: []))
        }
        for setting in policy.settings where !read.contains("settings." + setting.name.value) {
            unused(setting.name.span, "setting `\(setting.name.value)` is never used",
                   "read it as `settings.\(setting.name.value)` in an expression, or remove it")
        }
        for fact in policy.facts where !read.contains(fact.name.value) && !assigned.contains(fact.name.value) {
            unused(fact.name.span, "fact `\(fact.name.value)` is never read or set",
                   "read it in an expression, set it with `set:`, or remove it")
        }
        for derived in policy.document.derived where !read.contains(derived.name.value) {
            unused(derived.name.span, "derived value `\(derived.name.value)` is never used",
                   "read it in a `guard`, `when`, `at` or `set`, or remove it")
        }
        for event in policy.events where !events.contains(event.name.value) {
            unused(event.name.span, "event `\(event.name.value)` triggers no transition",
                   "add a transition with `on: \(event.name.value)`, or remove it")
        }
        for effect in policy.effects where !effects.contains(effect.name.value) {
            unused(effect.name.span, "effect `\(effect.name.value)` is never emitted",
                   "list it in a transition's `effects`, or remove it")
        }
        // A role is used when some `by` admits it: it is listed there, or it includes
        // (directly or not) a role that is. Including an unused role grants nothing.
        let roleSpans = Dictionary(policy.document.roles.map { ($0.name.value, $0.name.span) }, uniquingKeysWith: { a, _ in a })
        for role in policy.roles where role.actsAs.isDisjoint(with: requestedBy) {
            unused(roleSpans[role.name] ?? policy.document.span, "role `\(role.name)` may request no transition",
                   "list it (or a role it includes) in a manual transition's `by`, or remove it")
        }
        return findings
    }
}

extension AnalysisContext {
    /// Every compiled expression of the policy: derived values, then each transition's
    /// `when`/`at`, `guard` and `set` values.
    var allExpressions: [CompiledExpression] {
        var expressions = policy.environment.derived.map(\.expression)
        for transition in policy.transitions {
            switch transition.trigger {
            case .when(let e), .at(let e): expressions.append(e)
            case .event, .manual: break
            }
            if let guardExpression = transition.guardExpression { expressions.append(guardExpression) }
            expressions += transition.assignments.map(\.value)
        }
        return expressions
    }
}
