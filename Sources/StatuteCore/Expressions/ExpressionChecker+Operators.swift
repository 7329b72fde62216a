extension ExpressionChecker {
    /// A date compared with an int usually means a number of days: point at `days_between`
    /// (and at periods, for a date some days away).
    static func dateIntComparisonHelp(_ a: BaseType?, _ b: BaseType?) -> String? {
        guard (a == .date && b == .int) || (a == .int && b == .date) else { return nil }
        return "to compare a number of days, use `days_between(from, to)` (an int); "
            + "for a date some days away, add a period: `date + days(n)`"
    }

    mutating func checkBinary(_ op: BinaryOperator, _ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax) -> Typed {
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
            return Typed(type: .value(type), node: op == .and ? .and(l.node, r.node) : .or(l.node, r.node))
        case .equal, .notEqual:
            guard let shared = CheckedType.unify(l.type, r.type) else {
                error(.typeMismatch, "\(quoted) cannot compare `\(l.type)` with `\(r.type)`", at: rhs.span,
                      help: Self.dateIntComparisonHelp(l.type.base, r.type.base))
                return .poison
            }
            if shared == .poison { return .poison }
            return Typed(type: .value(.bool), node: .equal(l.node, r.node, negated: op == .notEqual))
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
            return Typed(type: .value(type), node: .binary(BinaryOp.comparison(op), l.node, r.node))
        default:
            return arithmetic(op, l, r, lhs, rhs)
        }
    }

    private mutating func coalesce(_ l: Typed, _ r: Typed, _ rhs: ExpressionSyntax) -> Typed {
        switch (l.type, r.type) {
        case (.poison, _), (_, .poison): return .poison
        case (.null, _): return Typed(type: r.type, node: .coalesce(l.node, r.node))
        case (.value(let a), .null): return Typed(type: .value(a.optional), node: .coalesce(l.node, r.node))
        case (.value(let a), .value(let b)):
            guard a.base == b.base else {
                error(.typeMismatch, "the default of `??` must be `\(a.base.rawValue)`, found `\(b)`", at: rhs.span)
                return .poison
            }
            return Typed(type: .value(b), node: .coalesce(l.node, r.node))
        }
    }

    private mutating func checkMembership(_ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax) -> Typed {
        let l = check(lhs)
        guard case .list(let items) = rhs.kind else {
            _ = check(rhs)
            error(.typeMismatch, "`in` needs a list on its right", at: rhs.span, help: "write the values as a list: `[a, b]`")
            return .poison
        }
        var shared = l.type
        var nodes: [CompiledNode] = []
        nodes.reserveCapacity(items.count)
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
        return Typed(type: .value(ValueType(.bool, optional: l.type.mayBeNull)), node: .member(l.node, nodes))
    }

    private mutating func arithmetic(_ op: BinaryOperator, _ l: Typed, _ r: Typed,
                                     _ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax) -> Typed {
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
        return Typed(type: .value(ValueType(result, optional: mayBeNull)), node: .binary(operation, l.node, r.node))
    }
}
