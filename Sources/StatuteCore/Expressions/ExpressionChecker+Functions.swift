extension ExpressionChecker {
    /// Checks a call. The happy path builds no array and no string: the function is found
    /// by a `switch` on its name, and the one or two arguments are checked in place.
    mutating func checkCall(_ name: String, _ arguments: [ExpressionSyntax], _ syntax: ExpressionSyntax) -> Typed {
        guard let function = BuiltinFunction.ID(name: name) else {
            for argument in arguments { _ = check(argument) }
            let nameSpan = SourceSpan(file: syntax.span.file, start: syntax.span.start,
                                      end: SourceLocation(line: syntax.span.start.line,
                                                          column: syntax.span.start.column + name.unicodeScalars.count))
            error(.unknownFunction, "unknown function `\(name)`", at: nameSpan,
                  help: Suggestions.didYouMean(name, in: BuiltinFunction.names))
            return .poison
        }
        let arity = function.arity
        if function == .date, arguments.count == 1, case .literal(.string(let text)) = arguments[0].kind {
            guard let date = CalendarDate(iso: text) else {
                error(.invalidDateLiteral, "`\(text)` is not a valid date", at: arguments[0].span,
                      help: "dates are written `YYYY-MM-DD` and must exist in the calendar")
                return .poison
            }
            return Typed(type: .value(.date), node: .constant(.date(date)))
        }
        guard arguments.count == arity else {
            for argument in arguments { _ = check(argument) }
            let plural = arity == 1 ? "argument" : "arguments"
            let span = arguments.count > arity ? arguments[arity].span : syntax.span
            error(.wrongArgumentCount, "`\(name)` takes \(arity) \(plural), found \(arguments.count)", at: span)
            return .poison
        }
        let x = check(arguments[0])
        if arity == 1 {
            if x.type == .poison { return .poison }
            let optional = x.type.mayBeNull
            guard case .unary(let op) = function.implementation else { return .poison }  // arity 1 is unary
            if function == .date {
                guard argument(x, arguments[0], of: name, is: .string) else { return .poison }
                // A computed string may not be a date: the result is null then.
                return Typed(type: .value(.date.optional), node: .unary(op, x.node))
            }
            // days, months, years
            guard argument(x, arguments[0], of: name, is: .int) else { return .poison }
            return Typed(type: .value(ValueType(.period, optional: optional)), node: .unary(op, x.node))
        }
        let y = check(arguments[1])
        if x.type == .poison || y.type == .poison { return .poison }
        let optional = x.type.mayBeNull || y.type.mayBeNull
        guard case .binary(let op) = function.implementation else { return .poison }  // arity 2 is binary
        if function == .daysBetween {
            let ok0 = argument(x, arguments[0], of: name, is: .date)
            let ok1 = argument(y, arguments[1], of: name, is: .date)
            guard ok0, ok1 else { return .poison }
            return Typed(type: .value(ValueType(.int, optional: optional)), node: .binary(op, x.node, y.node))
        }
        // min, max
        let ok0 = intOrDate(x, arguments[0], of: name)
        let ok1 = intOrDate(y, arguments[1], of: name)
        guard ok0, ok1 else { return .poison }
        guard let shared = CheckedType.unify(x.type, y.type) else {
            error(.typeMismatch, "`\(name)` needs two arguments of the same type, found `\(x.type)` and `\(y.type)`",
                  at: arguments[1].span)
            return .poison
        }
        guard let base = shared.base else {
            return Typed(type: .null, node: .constant(.null))
        }
        return Typed(type: .value(ValueType(base, optional: optional)), node: .binary(op, x.node, y.node))
    }

    /// Whether argument `typed` is an int or a date (or `null`); reports an error when not.
    private mutating func intOrDate(_ typed: Typed, _ syntax: ExpressionSyntax, of function: String) -> Bool {
        guard let base = typed.type.base, base != .int, base != .date else { return true }
        error(.typeMismatch, "`\(function)` needs int or date arguments, found `\(typed.type)`", at: syntax.span)
        return false
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
