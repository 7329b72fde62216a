/// `unused-declaration`: settings, facts, derived values, events, effects and roles
/// nothing uses.
extension PolicyAnalyzer {
    static func usageFindings(_ context: AnalysisContext) -> [Finding] {
        let policy = context.policy
        // The names read and the facts set, each hashed once: a name already seen at its
        // slot is skipped (expressions read the same few names again and again).
        var read = Set<String>()
        var seen = SeenSlots(facts: policy.facts.count, settings: policy.settings.count,
                             derived: policy.environment.derived.count)
        context.forEachExpression { expression in
            for reference in expression.reads where seen.firstTime(reference.kind, reference.slot) {
                read.insert(reference.name)
            }
        }
        var assigned = Set<String>()
        var setSlots = Array(repeating: false, count: policy.facts.count)
        for transition in policy.transitions {
            for assignment in transition.assignments {
                if setSlots.indices.contains(assignment.slot) {
                    if setSlots[assignment.slot] { continue }
                    setSlots[assignment.slot] = true
                }
                assigned.insert(assignment.fact)
            }
        }
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

/// Which slots of each kind of name have been seen; a slot out of range always counts
/// as new.
private struct SeenSlots {
    var facts: [Bool]
    var settings: [Bool]
    var derived: [Bool]
    var today = false

    init(facts: Int, settings: Int, derived: Int) {
        self.facts = Array(repeating: false, count: facts)
        self.settings = Array(repeating: false, count: settings)
        self.derived = Array(repeating: false, count: derived)
    }

    /// Whether `slot` of `kind` is seen for the first time; marks it.
    mutating func firstTime(_ kind: NameKind, _ slot: Int) -> Bool {
        switch kind {
        case .fact: return Self.mark(&facts, slot)
        case .setting: return Self.mark(&settings, slot)
        case .derived: return Self.mark(&derived, slot)
        case .today:
            if today { return false }
            today = true
            return true
        }
    }

    private static func mark(_ seen: inout [Bool], _ slot: Int) -> Bool {
        guard seen.indices.contains(slot) else { return true }
        if seen[slot] { return false }
        seen[slot] = true
        return true
    }
}

extension AnalysisContext {
    /// Calls `body` with every compiled expression of the policy: derived values, then
    /// each transition's `when`/`at`, `guard` and `set` values.
    func forEachExpression(_ body: (CompiledExpression) -> Void) {
        for derived in policy.environment.derived { body(derived.expression) }
        for transition in policy.transitions {
            switch transition.trigger {
            case .when(let e), .at(let e): body(e)
            case .event, .manual: break
            }
            if let guardExpression = transition.guardExpression { body(guardExpression) }
            for assignment in transition.assignments { body(assignment.value) }
        }
    }
}
