/// An operation on non-null operands, chosen for its operand types at compile time.
typealias UnaryOperation = @Sendable (Value) -> Value
/// An operation on two non-null operands, chosen for their types at compile time.
typealias BinaryOperation = @Sendable (Value, Value) -> Value

/// The compiled form of an expression: names are slots, operators are specialised
/// closures, and null handling is explicit in the node kind.
indirect enum CompiledNode: Sendable {
    case constant(Value)
    /// A fact by slot (name kept for traces).
    case fact(Int, String)
    /// A setting by slot (name kept for traces).
    case setting(Int, String)
    case today
    /// A derived value by its index in the environment, computed before the expression runs.
    case derived(Int, String)
    /// A strict unary operation: a null operand gives null.
    case unary(UnaryOperation, CompiledNode)
    /// A strict binary operation: a null operand gives null.
    case binary(BinaryOperation, CompiledNode, CompiledNode)
    /// `==` (or `!=` when negated): compares null like a value, never null.
    case equal(CompiledNode, CompiledNode, negated: Bool)
    /// Three-valued `&&`.
    case and(CompiledNode, CompiledNode)
    /// Three-valued `||`.
    case or(CompiledNode, CompiledNode)
    /// `a ?? b`.
    case coalesce(CompiledNode, CompiledNode)
    /// `c ? a : b`; a null condition gives null.
    case conditional(CompiledNode, CompiledNode, CompiledNode)
    /// `x in [items]`: null when `x` is null, else whether any item equals `x`.
    case member(CompiledNode, [CompiledNode])
}

/// The operations behind operators and functions. Integer overflow, division by zero
/// and dates outside years 1...9999 give null. Each closure returns null for operands of
/// an unexpected kind, so a host that passes a wrongly typed value gets null, not a crash.
enum Operations {
    static func intOperation(_ op: BinaryOperator) -> BinaryOperation {
        switch op {
        case .add: return { a, b in ints(a, b) { $0.addingReportingOverflow($1) } }
        case .subtract: return { a, b in ints(a, b) { $0.subtractingReportingOverflow($1) } }
        case .multiply: return { a, b in ints(a, b) { $0.multipliedReportingOverflow(by: $1) } }
        case .divide: return { a, b in ints(a, b) { $1 == 0 ? (0, true) : $0.dividedReportingOverflow(by: $1) } }
        case .remainder: return { a, b in ints(a, b) { $1 == 0 ? (0, true) : $0.remainderReportingOverflow(dividingBy: $1) } }
        default: return { _, _ in .null }
        }
    }

    private static func ints(_ a: Value, _ b: Value,
                             _ f: (Int, Int) -> (partialValue: Int, overflow: Bool)) -> Value {
        guard case .int(let x) = a, case .int(let y) = b else { return .null }
        let (r, overflow) = f(x, y)
        return overflow ? .null : .int(r)
    }

    static let negateInt: UnaryOperation = { v in
        guard case .int(let x) = v, x != .min else { return .null }
        return .int(-x)
    }

    static let negatePeriod: UnaryOperation = { v in
        guard case .period(let p) = v else { return .null }
        return .period(p.negated)
    }

    static let not: UnaryOperation = { v in
        guard case .bool(let b) = v else { return .null }
        return .bool(!b)
    }

    static let datePlusPeriod: BinaryOperation = { a, b in
        guard case .date(let d) = a, case .period(let p) = b, let r = d.adding(p) else { return .null }
        return .date(r)
    }

    static let periodPlusDate: BinaryOperation = { a, b in datePlusPeriod(b, a) }

    static let dateMinusPeriod: BinaryOperation = { a, b in
        guard case .date(let d) = a, case .period(let p) = b, let r = d.subtracting(p) else { return .null }
        return .date(r)
    }

    static func periodArithmetic(subtract: Bool) -> BinaryOperation {
        { a, b in
            guard case .period(let p) = a, case .period(var q) = b else { return .null }
            if subtract { q = q.negated }
            let (m, o1) = p.months.addingReportingOverflow(q.months)
            let (d, o2) = p.days.addingReportingOverflow(q.days)
            return o1 || o2 ? .null : .period(Period(months: m, days: d))
        }
    }

    /// `<`, `<=`, `>`, `>=` on two values of the same comparable kind.
    static func comparison(_ op: BinaryOperator) -> BinaryOperation {
        let test: @Sendable (Bool, Bool) -> Bool = switch op {   // (less, equal)
        case .less: { l, _ in l }
        case .lessOrEqual: { l, e in l || e }
        case .greater: { l, e in !l && !e }
        default: { l, _ in !l }
        }
        return { a, b in
            switch (a, b) {
            case (.int(let x), .int(let y)): .bool(test(x < y, x == y))
            case (.date(let x), .date(let y)): .bool(test(x < y, x == y))
            case (.string(let x), .string(let y)): .bool(test(x < y, x == y))
            default: .null
            }
        }
    }

    static func period(_ unit: String) -> UnaryOperation {
        { v in
            guard case .int(let n) = v else { return .null }
            switch unit {
            case "days": return .period(.days(n))
            case "months": return .period(.months(n))
            default: return Period.years(n).map(Value.period) ?? .null
            }
        }
    }

    static let parseDate: UnaryOperation = { v in
        guard case .string(let s) = v, let d = CalendarDate(iso: s) else { return .null }
        return .date(d)
    }

    static func extremum(maximum: Bool) -> BinaryOperation {
        { a, b in
            switch (a, b) {
            case (.int(let x), .int(let y)): .int(maximum ? Swift.max(x, y) : Swift.min(x, y))
            case (.date(let x), .date(let y)): .date(maximum ? Swift.max(x, y) : Swift.min(x, y))
            default: .null
            }
        }
    }

    static let daysBetween: BinaryOperation = { a, b in
        guard case .date(let x) = a, case .date(let y) = b else { return .null }
        return .int(x.days(until: y))
    }
}
