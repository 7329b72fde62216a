/// Resolves names and compiles expressions for one policy. Immutable and `Sendable`.
public struct ExpressionEnvironment: Sendable {
    public let facts: [NameDeclaration]
    public let settings: [NameDeclaration]
    /// Compiled derived values, in dependency order; a derived name's slot in
    /// ``NameReference`` is its index here.
    public let derived: [CompiledDerived]
    public let limits: ExpressionLimits
    let scope: NameScope

    /// Builds the environment: facts and settings (a name's slot is its index in these
    /// arrays), then parses, type-checks and compiles the derived definitions in
    /// dependency order.
    ///
    /// Returns every diagnostic: syntax and limits, unknown names, type errors, and
    /// `derive-cycle` (at each cycle's first definition, naming the cycle `a -> b -> a`).
    /// Definitions with errors are left out of ``derived``, and reading them elsewhere
    /// reports nothing more.
    public static func make(facts: [NameDeclaration], settings: [NameDeclaration],
                            derived definitions: [DerivedDefinition],
                            limits: ExpressionLimits = ExpressionLimits()) -> (ExpressionEnvironment, [Diagnostic]) {
        var scope = NameScope(facts: facts, settings: settings)
        var diagnostics: [Diagnostic] = []
        let builder = DerivedOrder(definitions: definitions, scope: scope, limits: limits)
        diagnostics += builder.diagnostics
        for name in builder.broken { scope.markBroken(name) }

        var compiled: [CompiledDerived] = []
        var nodes: [CompiledNode] = []
        var dependencies: [[Int]] = []
        for position in builder.order {
            let definition = definitions[position]
            guard let syntax = builder.syntax[position] else { continue }
            var checker = ExpressionChecker(scope: scope)
            let typed = checker.check(syntax)
            diagnostics += checker.diagnostics
            guard checker.diagnostics.isEmpty, case .value(let type) = typed.type else {
                if checker.diagnostics.isEmpty, typed.type == .null {
                    diagnostics.append(.error(.typeMismatch, "cannot infer a type for `\(definition.name)`: it is always `null`",
                                              at: syntax.span))
                }
                scope.markBroken(definition.name)
                continue
            }
            let needs = transitive(checker.derivedRead, dependencies)
            let expression = CompiledExpression(type: type, source: definition.source, syntax: syntax,
                                                reads: checker.reads, root: typed.node,
                                                prelude: needs.map { ($0, nodes[$0]) })
            let index = compiled.count
            compiled.append(CompiledDerived(name: definition.name, nameSpan: definition.nameSpan, expression: expression))
            nodes.append(typed.node)
            dependencies.append(needs)
            scope.addDerived(definition.name, index: index, type: type)
        }
        let environment = ExpressionEnvironment(facts: facts, settings: settings, derived: compiled,
                                                limits: limits, scope: scope)
        return (environment, diagnostics)
    }

    /// All derived indices needed by the direct reads `direct`, sorted (which is a
    /// dependency order, since indices are given in dependency order).
    static func transitive(_ direct: Set<Int>, _ dependencies: [[Int]]) -> [Int] {
        var all = direct
        for index in direct { all.formUnion(dependencies[index]) }
        return all.sorted()
    }

    /// Parses, checks and compiles one expression for `purpose`; `nil` and diagnostics
    /// on error. `nil` with no diagnostics means it reads a derived name whose own
    /// errors were already reported by ``make(facts:settings:derived:limits:)``.
    public func compile(_ source: EmbeddedText, for purpose: ExpressionPurpose) -> (CompiledExpression?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = ExpressionParser.parse(source, limits: limits)
        guard let syntax = parsed else { return (nil, parseDiagnostics) }
        var checker = ExpressionChecker(scope: scope)
        let typed = checker.check(syntax)
        guard checker.diagnostics.isEmpty, typed.type != .poison else { return (nil, checker.diagnostics) }
        guard let type = Self.check(typed.type, for: purpose, at: syntax.span, into: &checker) else {
            return (nil, checker.diagnostics)
        }
        let dependencies = derived.map { $0.expression.derivedDependencies }
        let needs = Self.transitive(checker.derivedRead, dependencies)
        let expression = CompiledExpression(type: type, source: source, syntax: syntax, reads: checker.reads,
                                            root: typed.node,
                                            prelude: needs.map { ($0, derived[$0].expression.root) })
        return (expression, [])
    }

    /// The result type for `purpose`, or `nil` after reporting why `type` does not fit.
    private static func check(_ type: CheckedType, for purpose: ExpressionPurpose, at span: SourceSpan,
                              into checker: inout ExpressionChecker) -> ValueType? {
        let required: ValueType?
        let what: String
        switch purpose {
        case .condition: required = .bool.optional; what = "a condition"
        case .date: required = .date.optional; what = "a date trigger"
        case .value(let t): required = t; what = "this value"
        case .any: required = nil; what = "a derived value"
        }
        switch type {
        case .poison: return nil
        case .null:
            guard let required, required.isOptional else {
                checker.error(.typeMismatch, "cannot infer a type for \(what): it is always `null`", at: span)
                return nil
            }
            return required
        case .value(let t):
            guard let required else { return t }
            if required.base != t.base {
                checker.error(.typeMismatch, "\(what) must be `\(required.base.rawValue)`, found `\(t)`", at: span)
                return nil
            }
            if t.isOptional, !required.isOptional {
                checker.error(.mayBeNull, "value may be null but the target is `\(required)`", at: span,
                              help: "give a default with `?? …`")
                return nil
            }
            return t
        }
    }
}
