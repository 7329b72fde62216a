/// Resolves names and compiles expressions for one policy. Immutable and `Sendable`.
package struct ExpressionEnvironment: Sendable {
    /// The facts expressions may read; a fact's slot is its index here.
    package let facts: [NameDeclaration]
    /// The settings expressions may read (as `settings.NAME`); a setting's slot is its index here.
    package let settings: [NameDeclaration]
    /// Compiled derived values, in dependency order; a derived name's slot in
    /// ``NameReference`` is its index here.
    package let derived: [CompiledDerived]
    /// The limits every expression compiled in this environment must respect.
    package let limits: ExpressionLimits
    let scope: NameScope
    let table: DerivedTable

    /// Builds the environment: facts and settings (a name's slot is its index in these
    /// arrays), then parses, type-checks and compiles the derived definitions in
    /// dependency order.
    ///
    /// Returns every diagnostic: syntax and limits, unknown names, type errors, and
    /// `derive-cycle` (at each cycle's first definition, naming the cycle `a -> b -> a`).
    /// Definitions with errors are left out of ``derived``, and reading them elsewhere
    /// reports nothing more.
    package static func make(facts: [NameDeclaration], settings: [NameDeclaration],
                            derived definitions: [DerivedDefinition],
                            limits: ExpressionLimits = ExpressionLimits()) -> (ExpressionEnvironment, [Diagnostic]) {
        var scope = NameScope(facts: facts, settings: settings)
        var diagnostics: [Diagnostic] = []
        let builder = DerivedOrder(definitions: definitions, scope: scope, limits: limits)
        diagnostics += builder.diagnostics
        for name in builder.broken { scope.markBroken(name) }

        var checked: [(definition: DerivedDefinition, syntax: ExpressionSyntax, type: ValueType,
                       reads: [NameReference], direct: [Int])] = []
        var nodes: [CompiledNode] = []
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
            scope.addDerived(definition.name, index: nodes.count, type: type)
            nodes.append(typed.node)
            checked.append((definition, syntax, type, checker.reads, checker.derivedRead.sorted()))
        }
        let table = DerivedTable(nodes: nodes, dependencies: checked.map(\.direct))
        let compiled = checked.enumerated().map { index, entry in
            CompiledDerived(name: entry.definition.name, nameSpan: entry.definition.nameSpan,
                            expression: CompiledExpression(type: entry.type, source: entry.definition.source,
                                                           shape: SyntaxShape(entry.syntax, in: entry.definition.source),
                                                           reads: entry.reads,
                                                           root: nodes[index], table: table,
                                                           derivedRead: entry.direct))
        }
        let environment = ExpressionEnvironment(facts: facts, settings: settings, derived: compiled,
                                                limits: limits, scope: scope, table: table)
        return (environment, diagnostics)
    }

    /// Parses, checks and compiles one expression for `purpose`; `nil` and diagnostics
    /// on error. `nil` with no diagnostics means it reads a derived name whose own
    /// errors were already reported by ``make(facts:settings:derived:limits:)``.
    package func compile(_ source: EmbeddedText, for purpose: ExpressionPurpose) -> (CompiledExpression?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = ExpressionParser.parseShaped(source, limits: limits)
        guard let (syntax, shape) = parsed else { return (nil, parseDiagnostics) }
        var checker = ExpressionChecker(scope: scope)
        let typed = checker.check(syntax)
        guard checker.diagnostics.isEmpty, typed.type != .poison else { return (nil, checker.diagnostics) }
        guard let type = Self.check(typed.type, for: purpose, at: syntax.span, into: &checker) else {
            return (nil, checker.diagnostics)
        }
        let expression = CompiledExpression(type: type, source: source, shape: shape, reads: checker.reads,
                                            root: typed.node, table: table,
                                            derivedRead: checker.derivedRead.sorted())
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
