@testable import StatuteCore

// The expression checker as it was before it was rewritten for speed (issue 9), kept as
// the reference the differential tests compare the current one with: same trees, spans,
// types, nodes and diagnostics. Test-only; when the language itself changes, change this
// copy the same way (or delete it with its differential test).

/// A checked sub-expression: its type and its compiled node.
struct RefTyped {
    let type: CheckedType
    let node: CompiledNode

    static let poison = RefTyped(type: .poison, node: .constant(.null))
}

/// Type-checks a syntax tree against a ``NameScope`` and compiles it to
/// ``CompiledNode``s in the same pass. Collects every diagnostic; after an error the
/// offending sub-expression is poisoned so that one mistake is reported once.
struct RefExpressionChecker {
    let scope: NameScope
    private(set) var diagnostics: [Diagnostic] = []
    /// Names read, once each, in source order.
    private(set) var reads: [NameReference] = []
    /// Environment indices of the derived values read directly.
    private(set) var derivedRead: [Int] = []
    /// The names in `reads`, once there are more than a few (fewer are searched in `reads`).
    private var readNames: Set<String>?

    init(scope: NameScope) {
        self.scope = scope
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, help: String? = nil) {
        diagnostics.append(.error(code, message, at: span, help: help))
    }

    mutating func check(_ syntax: ExpressionSyntax) -> RefTyped {
        switch syntax.kind {
        case .literal(let literal):
            switch literal {
            case .null: return RefTyped(type: .null, node: .constant(.null))
            case .bool(let b): return RefTyped(type: .value(.bool), node: .constant(.bool(b)))
            case .int(let n): return RefTyped(type: .value(.int), node: .constant(.int(n)))
            case .string(let s): return RefTyped(type: .value(.string), node: .constant(.string(s)))
            }
        case .name(let name):
            return resolve(name, at: syntax.span)
        case .list(let items):
            for item in items { _ = check(item) }
            error(.misplacedList, "a list is only allowed on the right of `in`", at: syntax.span)
            return .poison
        case .unary(let op, let operand):
            return checkUnary(op, operand)
        case .binary(let op, let lhs, let rhs):
            return checkBinary(op, lhs, rhs)
        case .conditional(let c, let t, let e):
            return checkConditional(c, t, e)
        case .call(let name, let arguments):
            return checkCall(name, arguments, syntax)
        }
    }

    private mutating func resolve(_ name: String, at span: SourceSpan) -> RefTyped {
        guard let slot = scope.lookup(name) else {
            if !scope.broken.contains(name) {
                let setting = "settings." + name
                let help = scope.lookup(setting)?.kind == .setting
                    ? "did you mean `\(setting)`?" : Suggestions.didYouMean(name, in: scope.allNames)
                error(.unknownName, "unknown name `\(name)`", at: span, help: help)
            }
            return .poison
        }
        if isFirstRead(of: name) {
            reads.append(NameReference(kind: slot.kind, name: name, slot: slot.slot))
            // A derived slot has one name, so it is listed once.
            if slot.kind == .derived { derivedRead.append(slot.slot) }
        }
        let node: CompiledNode = switch slot.kind {
        case .fact: .fact(slot.slot, name)
        case .setting: .setting(slot.slot, name)
        case .today: .today
        case .derived: .derived(slot.slot, name)
        }
        return RefTyped(type: .value(slot.type), node: node)
    }

    /// Whether `name` is read here for the first time; remembers it.
    private mutating func isFirstRead(of name: String) -> Bool {
        if readNames != nil { return readNames!.insert(name).inserted }
        if reads.contains(where: { $0.name == name }) { return false }
        if reads.count >= 8 { readNames = Set(reads.map(\.name) + [name]) }
        return true
    }

    /// Whether `typed` is usable as a bool operand; reports an error when it is not.
    mutating func requireBool(_ typed: RefTyped, _ syntax: ExpressionSyntax, _ what: String) -> Bool {
        switch typed.type {
        case .poison: return false
        case .null: return true
        case .value(let t):
            if t.base == .bool { return true }
            error(.typeMismatch, "\(what) needs bool operands, found `\(t)`", at: syntax.span)
            return false
        }
    }

    private mutating func checkUnary(_ op: UnaryOperator, _ operand: ExpressionSyntax) -> RefTyped {
        let x = check(operand)
        switch op {
        case .not:
            guard requireBool(x, operand, "`!`") else { return .poison }
            return RefTyped(type: .value(ValueType(.bool, optional: x.type.mayBeNull)), node: .unary(.not, x.node))
        case .negate:
            switch x.type {
            case .poison: return .poison
            case .null: return RefTyped(type: .value(.int.optional), node: .constant(.null))
            case .value(let t) where t.base == .int:
                return RefTyped(type: x.type, node: .unary(.negateInt, x.node))
            case .value(let t) where t.base == .period:
                return RefTyped(type: x.type, node: .unary(.negatePeriod, x.node))
            case .value(let t):
                error(.typeMismatch, "`-` needs an int or period operand, found `\(t)`", at: operand.span)
                return .poison
            }
        }
    }

    private mutating func checkConditional(_ c: ExpressionSyntax, _ t: ExpressionSyntax,
                                           _ e: ExpressionSyntax) -> RefTyped {
        let condition = check(c)
        let then = check(t)
        let otherwise = check(e)
        var ok = true
        if case .value(let type) = condition.type, type.base != .bool {
            error(.typeMismatch, "the condition of `?:` must be bool, found `\(type)`", at: c.span)
            ok = false
        }
        guard let shared = CheckedType.unify(then.type, otherwise.type) else {
            error(.typeMismatch, "the branches of `?:` have different types: `\(then.type)` and `\(otherwise.type)`",
                  at: e.span, help: "both branches must have the same type, or one of them be `null`")
            return .poison
        }
        guard ok, condition.type != .poison, case .value(let type) = shared else {
            return shared == .null && ok ? RefTyped(type: .null, node: .constant(.null)) : .poison
        }
        let result = ValueType(type.base, optional: type.isOptional || condition.type.mayBeNull)
        return RefTyped(type: .value(result), node: .conditional(condition.node, then.node, otherwise.node))
    }
}
extension RefExpressionChecker {
    /// A date compared with an int usually means a number of days: point at `days_between`
    /// (and at periods, for a date some days away).
    static func dateIntComparisonHelp(_ a: BaseType?, _ b: BaseType?) -> String? {
        guard (a == .date && b == .int) || (a == .int && b == .date) else { return nil }
        return "to compare a number of days, use `days_between(from, to)` (an int); "
            + "for a date some days away, add a period: `date + days(n)`"
    }

    mutating func checkBinary(_ op: BinaryOperator, _ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax) -> RefTyped {
        if op == .in { return checkMembership(lhs, rhs) }
        let l = check(lhs)
        let r = check(rhs)
        // Written only into messages: not built on the happy path.
        var quoted: String { "`\(op.rawValue)`" }
        switch op {
        case .and, .or:
            let okL = requireBool(l, lhs, quoted)
            let okR = requireBool(r, rhs, quoted)
            guard okL, okR else { return .poison }
            let type = ValueType(.bool, optional: l.type.mayBeNull || r.type.mayBeNull)
            return RefTyped(type: .value(type), node: op == .and ? .and(l.node, r.node) : .or(l.node, r.node))
        case .equal, .notEqual:
            guard let shared = CheckedType.unify(l.type, r.type) else {
                error(.typeMismatch, "\(quoted) cannot compare `\(l.type)` with `\(r.type)`", at: rhs.span,
                      help: Self.dateIntComparisonHelp(l.type.base, r.type.base))
                return .poison
            }
            if shared == .poison { return .poison }
            return RefTyped(type: .value(.bool), node: .equal(l.node, r.node, negated: op == .notEqual))
        case .coalesce:
            return coalesce(l, r, rhs)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            func comparable(_ base: BaseType) -> Bool { base == .int || base == .date || base == .string }
            var ok = true
            for side in 0..<2 {
                let (typed, syntax) = side == 0 ? (l, lhs) : (r, rhs)
                if let base = typed.type.base, !comparable(base) {
                    error(.typeMismatch, "\(quoted) needs int, date or string operands, found `\(typed.type)`",
                          at: syntax.span)
                    ok = false
                }
            }
            guard ok else { return .poison }
            guard let shared = CheckedType.unify(l.type, r.type) else {
                error(.typeMismatch, "\(quoted) cannot compare `\(l.type)` with `\(r.type)`", at: rhs.span,
                      help: Self.dateIntComparisonHelp(l.type.base, r.type.base))
                return .poison
            }
            if shared == .poison { return .poison }
            let type = ValueType(.bool, optional: l.type.mayBeNull || r.type.mayBeNull)
            return RefTyped(type: .value(type), node: .binary(BinaryOp.comparison(op), l.node, r.node))
        default:
            return arithmetic(op, l, r, lhs, rhs)
        }
    }

    private mutating func coalesce(_ l: RefTyped, _ r: RefTyped, _ rhs: ExpressionSyntax) -> RefTyped {
        switch (l.type, r.type) {
        case (.poison, _), (_, .poison): return .poison
        case (.null, _): return RefTyped(type: r.type, node: .coalesce(l.node, r.node))
        case (.value(let a), .null): return RefTyped(type: .value(a.optional), node: .coalesce(l.node, r.node))
        case (.value(let a), .value(let b)):
            guard a.base == b.base else {
                error(.typeMismatch, "the default of `??` must be `\(a.base.rawValue)`, found `\(b)`", at: rhs.span)
                return .poison
            }
            return RefTyped(type: .value(b), node: .coalesce(l.node, r.node))
        }
    }

    private mutating func checkMembership(_ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax) -> RefTyped {
        let l = check(lhs)
        guard case .list(let items) = rhs.kind else {
            _ = check(rhs)
            error(.typeMismatch, "`in` needs a list on its right", at: rhs.span, help: "write the values as a list: `[a, b]`")
            return .poison
        }
        var shared = l.type
        var nodes: [CompiledNode] = []
        for item in items {
            let typed = check(item)
            nodes.append(typed.node)
            if let unified = CheckedType.unify(shared, typed.type) {
                shared = unified
            } else {
                error(.typeMismatch, "`in` list items must be `\(shared.base?.rawValue ?? "null")`, found `\(typed.type)`",
                      at: item.span)
                shared = .poison
            }
        }
        if shared == .poison || l.type == .poison { return .poison }
        return RefTyped(type: .value(ValueType(.bool, optional: l.type.mayBeNull)), node: .member(l.node, nodes))
    }

    private mutating func arithmetic(_ op: BinaryOperator, _ l: RefTyped, _ r: RefTyped,
                                     _ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax) -> RefTyped {
        var quoted: String { "`\(op.rawValue)`" }
        let additive = op == .add || op == .subtract
        func accepted(_ base: BaseType) -> Bool { base == .int || (additive && (base == .date || base == .period)) }
        let wanted = additive ? "int, date or period operands" : "int operands"
        var ok = true
        for side in 0..<2 {
            let (typed, syntax) = side == 0 ? (l, lhs) : (r, rhs)
            if let base = typed.type.base, !accepted(base) {
                error(.typeMismatch, "\(quoted) needs \(wanted), found `\(typed.type)`", at: syntax.span)
                ok = false
            }
        }
        guard ok, l.type != .poison, r.type != .poison else { return .poison }
        let optional = l.type.mayBeNull || r.type.mayBeNull
        let result: BaseType
        let operation: BinaryOp
        switch (l.type.base, r.type.base) {
        case (nil, nil):
            error(.typeMismatch, "\(quoted) cannot be applied to two `null` operands", at: lhs.span)
            return .poison
        case (nil, let base?), (let base?, nil):
            // The result is always null; its type follows the other operand.
            result = base == .period && l.type == .null && op == .add ? .date : base
            operation = .alwaysNull
        case (.int, .int):
            result = .int
            operation = BinaryOp.int(op)
        case (.date, .period):
            result = .date
            operation = op == .add ? .datePlusPeriod : .dateMinusPeriod
        case (.period, .date) where op == .add:
            result = .date
            operation = .periodPlusDate
        case (.period, .period):
            result = .period
            operation = op == .subtract ? .subtractPeriods : .addPeriods
        case (let a?, let b?):
            let help: String? = a == .date && b == .int
                ? "use a period: `days(n)`, `months(n)` or `years(n)`"
                : a == .date && b == .date && op == .subtract ? "use `days_between(a, b)` for the days between two dates" : nil
            error(.typeMismatch, "\(quoted) cannot combine `\(l.type)` and `\(r.type)`", at: rhs.span, help: help)
            return .poison
        }
        var mayBeNull = optional
        if op == .divide || op == .remainder {
            // Division by zero gives null, unless the divisor is a non-zero literal.
            if case .literal(.int(let n)) = rhs.kind, n != 0 {} else { mayBeNull = true }
        }
        return RefTyped(type: .value(ValueType(result, optional: mayBeNull)), node: .binary(operation, l.node, r.node))
    }
}
extension RefExpressionChecker {
    mutating func checkCall(_ name: String, _ arguments: [ExpressionSyntax], _ syntax: ExpressionSyntax) -> RefTyped {
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
            return RefTyped(type: .value(.date), node: .constant(.date(date)))
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
            return RefTyped(type: .value(ValueType(.period, optional: optional)),
                         node: function.refNode(typed.map(\.node)))
        case "date":
            guard argument(typed[0], arguments[0], of: name, is: .string) else { return .poison }
            // A computed string may not be a date: the result is null then.
            return RefTyped(type: .value(.date.optional), node: function.refNode(typed.map(\.node)))
        case "days_between":
            let ok0 = argument(typed[0], arguments[0], of: name, is: .date)
            let ok1 = argument(typed[1], arguments[1], of: name, is: .date)
            guard ok0, ok1 else { return .poison }
            return RefTyped(type: .value(ValueType(.int, optional: optional)),
                         node: function.refNode(typed.map(\.node)))
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
                return RefTyped(type: .null, node: .constant(.null))
            }
            return RefTyped(type: .value(ValueType(base, optional: optional)),
                         node: function.refNode(typed.map(\.node)))
        }
    }

    /// Whether argument `typed` has base type `base` (or is `null`); reports an error when not.
    private mutating func argument(_ typed: RefTyped, _ syntax: ExpressionSyntax, of function: String,
                                   is base: BaseType) -> Bool {
        guard case .value(let t) = typed.type, t.base != base else { return true }
        let article = base == .int ? "an" : "a"
        error(.typeMismatch, "`\(function)` needs \(article) `\(base.rawValue)` argument, found `\(t)`", at: syntax.span)
        return false
    }
}

extension BuiltinFunction {
    /// The compiled call of the function on checked arguments (as many as ``arity``).
    func refNode(_ arguments: [CompiledNode]) -> CompiledNode {
        switch implementation {
        case .unary(let op): .unary(op, arguments[0])
        case .binary(let op): .binary(op, arguments[0], arguments[1])
        }
    }
}
