extension ExpressionChecker {
    mutating func checkCall(_ name: String, _ arguments: [ExpressionSyntax], _ syntax: ExpressionSyntax) -> Typed {
        let nameSpan = SourceSpan(file: syntax.span.file, start: syntax.span.start,
                                  end: SourceLocation(line: syntax.span.start.line,
                                                      column: syntax.span.start.column + name.unicodeScalars.count))
        guard let function = BuiltinFunction.named(name) else {
            for argument in arguments { _ = check(argument) }
            error(.unknownFunction, "unknown function `\(name)`", at: nameSpan,
                  help: Suggestions.didYouMean(name, in: BuiltinFunction.names))
            return .poison
        }
        let arity = function.arity
        if name == "date", arguments.count == 1, case .literal(.string(let text)) = arguments[0].kind {
            guard let date = CalendarDate(iso: text) else {
                error(.invalidDateLiteral, "`\(text)` is not a valid date", at: arguments[0].span,
                      help: "dates are written `YYYY-MM-DD` and must exist in the calendar")
                return .poison
            }
            return Typed(type: .value(.date), node: .constant(.date(date)))
        }
        let typed = arguments.map { check($0) }
        guard typed.count == arity else {
            let plural = arity == 1 ? "argument" : "arguments"
            let span = typed.count > arity ? arguments[arity].span : syntax.span
            error(.wrongArgumentCount, "`\(name)` takes \(arity) \(plural), found \(typed.count)", at: span)
            return .poison
        }
        if typed.contains(where: { $0.type == .poison }) { return .poison }
        let optional = typed.contains { $0.type.mayBeNull }
        switch name {
        case "days", "months", "years":
            guard argument(typed[0], arguments[0], of: name, is: .int) else { return .poison }
            return Typed(type: .value(ValueType(.period, optional: optional)),
                         node: function.node(typed.map(\.node)))
        case "date":
            guard argument(typed[0], arguments[0], of: name, is: .string) else { return .poison }
            // A computed string may not be a date: the result is null then.
            return Typed(type: .value(.date.optional), node: function.node(typed.map(\.node)))
        case "days_between":
            let ok0 = argument(typed[0], arguments[0], of: name, is: .date)
            let ok1 = argument(typed[1], arguments[1], of: name, is: .date)
            guard ok0, ok1 else { return .poison }
            return Typed(type: .value(ValueType(.int, optional: optional)),
                         node: function.node(typed.map(\.node)))
        default: // min, max
            var ok = true
            for (t, s) in zip(typed, arguments) {
                if let base = t.type.base, base != .int, base != .date {
                    error(.typeMismatch, "`\(name)` needs int or date arguments, found `\(t.type)`", at: s.span)
                    ok = false
                }
            }
            guard ok else { return .poison }
            guard let shared = CheckedType.unify(typed[0].type, typed[1].type) else {
                error(.typeMismatch, "`\(name)` needs two arguments of the same type, found `\(typed[0].type)` and `\(typed[1].type)`",
                      at: arguments[1].span)
                return .poison
            }
            guard let base = shared.base else {
                return Typed(type: .null, node: .constant(.null))
            }
            return Typed(type: .value(ValueType(base, optional: optional)),
                         node: function.node(typed.map(\.node)))
        }
    }

    /// Whether argument `typed` has base type `base` (or is `null`); reports an error when not.
    private mutating func argument(_ typed: Typed, _ syntax: ExpressionSyntax, of function: String,
                                   is base: BaseType) -> Bool {
        guard case .value(let t) = typed.type, t.base != base else { return true }
        let article = base == .int ? "an" : "a"
        error(.typeMismatch, "`\(function)` needs \(article) `\(base.rawValue)` argument, found `\(t)`", at: syntax.span)
        return false
    }
}

extension BuiltinFunction {
    /// The compiled call of the function on checked arguments (as many as ``arity``).
    func node(_ arguments: [CompiledNode]) -> CompiledNode {
        switch implementation {
        case .unary(let op): .unary(op, arguments[0])
        case .binary(let op): .binary(op, arguments[0], arguments[1])
        }
    }
}
