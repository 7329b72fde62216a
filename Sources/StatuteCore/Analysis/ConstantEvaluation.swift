/// Evaluates expressions, or parts of them, that read nothing but settings: with every
/// setting at its declared default and no fact known. Used to find conditions that are
/// always false, or false until a setting is changed.
struct ConstantEvaluation {
    let policy: CompiledPolicy
    /// Setting values at their defaults (`null` for an optional setting with none); `nil`
    /// for a required setting with no default, whose value cannot be assumed.
    let defaults: [Value?]
    /// Derived names whose value depends on settings only (directly or through other
    /// derived names), with the settings they read.
    let settingsOnlyDerived: [String: Set<String>]

    init(policy: CompiledPolicy) {
        self.policy = policy
        self.defaults = policy.settings.map { declaration in
            declaration.defaultValue?.value ?? (declaration.type.value.isOptional ? .null : nil)
        }
        var derived: [String: Set<String>] = [:]
        for entry in policy.environment.derived {
            var settings = Set<String>()
            let onlySettings = entry.expression.reads.allSatisfy { reference in
                switch reference.kind {
                case .setting: settings.insert(reference.name); return true
                case .derived:
                    guard let inner = derived[reference.name] else { return false }
                    settings.formUnion(inner)
                    return true
                case .fact, .today: return false
                }
            }
            if onlySettings { derived[entry.name] = settings }
        }
        self.settingsOnlyDerived = derived
    }

    /// The settings `syntax` reads (directly or through derived names), or `nil` when it
    /// reads anything else: a fact, `today`, or a derived name that does.
    func settingsRead(by syntax: ExpressionSyntax) -> Set<String>? {
        var settings = Set<String>()
        return collectSettings(syntax, into: &settings) ? settings : nil
    }

    /// Whether `expression` reads a setting, or a derived value that reads settings only:
    /// the names ``settingsRead(by:)`` collects, looked for in its reads.
    func mayReadSettings(_ expression: CompiledExpression) -> Bool {
        expression.reads.contains { $0.name.hasPrefix("settings.") || settingsOnlyDerived[$0.name] != nil }
    }

    /// Whether every name `expression` reads is a setting or a derived value that reads
    /// settings only: what ``settingsRead(by:)`` needs of a whole expression to be non-nil,
    /// found in its reads without unpacking its tree.
    func readsOnlySettings(_ expression: CompiledExpression) -> Bool {
        expression.reads.allSatisfy { $0.name.hasPrefix("settings.") || settingsOnlyDerived[$0.name] != nil }
    }

    /// Adds the settings `syntax` reads to `settings`; `false` as soon as it reads
    /// anything else. One set for the whole tree, no array of children per node.
    private func collectSettings(_ syntax: ExpressionSyntax, into settings: inout Set<String>) -> Bool {
        switch syntax.kind {
        case .literal:
            return true
        case .name(let name):
            if name.hasPrefix("settings.") {
                settings.insert(name)
                return true
            }
            guard let inner = settingsOnlyDerived[name] else { return false }
            settings.formUnion(inner)
            return true
        case .list(let items), .call(_, let items):
            for item in items where !collectSettings(item, into: &settings) { return false }
            return true
        case .unary(_, let operand):
            return collectSettings(operand, into: &settings)
        case .binary(_, let lhs, let rhs):
            return collectSettings(lhs, into: &settings) && collectSettings(rhs, into: &settings)
        case .conditional(let c, let t, let e):
            return collectSettings(c, into: &settings) && collectSettings(t, into: &settings)
                && collectSettings(e, into: &settings)
        }
    }

    /// The value of `syntax` with settings at their defaults; `nil` when it reads more
    /// than settings, reads a setting with no default, or cannot be compiled on its own.
    func value(of syntax: ExpressionSyntax, for purpose: ExpressionPurpose) -> Value? {
        guard let settings = settingsRead(by: syntax) else { return nil }
        for name in settings {
            guard let slot = policy.settingSlot(of: String(name.dropFirst("settings.".count))),
                  defaults[slot] != nil else { return nil }
        }
        let source = EmbeddedText(text: syntax.description, file: syntax.span.file, start: syntax.span.start)
        guard let compiled = policy.environment.compile(source, for: purpose).0 else { return nil }
        let context = EvaluationContext(facts: Array(repeating: .null, count: policy.facts.count),
                                        settings: defaults.map { $0 ?? .null },
                                        today: CalendarDate(year: 2000, month: 1, day: 1)!)
        return compiled.evaluate(in: context)
    }

    /// The default of a setting (`settings.NAME`), as written in messages.
    func defaultText(of setting: String) -> String {
        guard let slot = policy.settingSlot(of: String(setting.dropFirst("settings.".count))),
              let value = defaults[slot] else { return "none" }
        return value.description
    }
}

extension ExpressionSyntax {
    /// The operands of a chain of `&&` at the top of the tree (the tree itself when it is
    /// not a conjunction), in source order.
    package var conjuncts: [ExpressionSyntax] {
        if case .binary(.and, let lhs, let rhs) = kind { return lhs.conjuncts + rhs.conjuncts }
        return [self]
    }
}
