/// An operation on one non-null operand, chosen for its operand type at compile time.
///
/// A plain enum rather than a closure: the evaluator switches over it, so applying an
/// operator is a jump, with no context to retain and no indirect call. Each case
/// returns null for an operand of an unexpected kind, so a host that passes a wrongly
/// typed value gets null, not a crash.
enum UnaryOp: UInt8, Sendable, CaseIterable {
    case negateInt, negatePeriod, not, days, months, years, parseDate

    @inline(__always)
    func apply(_ v: Value) -> Value {
        switch self {
        case .negateInt:
            guard case .int(let x) = v, x != .min else { return .null }
            return .int(-x)
        case .negatePeriod:
            guard case .period(let p) = v else { return .null }
            return .period(p.negated)
        case .not:
            guard case .bool(let b) = v else { return .null }
            return .bool(!b)
        case .days:
            guard case .int(let n) = v else { return .null }
            return .period(.days(n))
        case .months:
            guard case .int(let n) = v else { return .null }
            return .period(.months(n))
        case .years:
            guard case .int(let n) = v, let p = Period.years(n) else { return .null }
            return .period(p)
        case .parseDate:
            guard case .string(let s) = v, let d = CalendarDate(iso: s) else { return .null }
            return .date(d)
        }
    }
}

/// An operation on two non-null operands, chosen for their types at compile time.
/// Integer overflow, division by zero and dates outside years 1...9999 give null.
enum BinaryOp: UInt8, Sendable, CaseIterable {
    case addInt, subtractInt, multiplyInt, divideInt, remainderInt
    case datePlusPeriod, periodPlusDate, dateMinusPeriod, addPeriods, subtractPeriods
    case less, lessOrEqual, greater, greaterOrEqual
    case minimum, maximum, daysBetween
    /// The result of an operator with a `null` literal operand: always null.
    case alwaysNull

    /// The integer operation for an arithmetic operator.
    static func int(_ op: BinaryOperator) -> BinaryOp {
        switch op {
        case .add: .addInt
        case .subtract: .subtractInt
        case .multiply: .multiplyInt
        case .divide: .divideInt
        case .remainder: .remainderInt
        default: .alwaysNull
        }
    }

    /// The comparison for `<`, `<=`, `>`, `>=`.
    static func comparison(_ op: BinaryOperator) -> BinaryOp {
        switch op {
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        default: .greaterOrEqual
        }
    }

    @inline(__always)
    func apply(_ a: Value, _ b: Value) -> Value {
        switch self {
        case .addInt: return Self.ints(a, b) { $0.addingReportingOverflow($1) }
        case .subtractInt: return Self.ints(a, b) { $0.subtractingReportingOverflow($1) }
        case .multiplyInt: return Self.ints(a, b) { $0.multipliedReportingOverflow(by: $1) }
        case .divideInt: return Self.ints(a, b) { $1 == 0 ? (0, true) : $0.dividedReportingOverflow(by: $1) }
        case .remainderInt:
            return Self.ints(a, b) { $1 == 0 ? (0, true) : $0.remainderReportingOverflow(dividingBy: $1) }
        case .datePlusPeriod:
            guard case .date(let d) = a, case .period(let p) = b, let r = d.adding(p) else { return .null }
            return .date(r)
        case .periodPlusDate:
            guard case .period(let p) = a, case .date(let d) = b, let r = d.adding(p) else { return .null }
            return .date(r)
        case .dateMinusPeriod:
            guard case .date(let d) = a, case .period(let p) = b, let r = d.subtracting(p) else { return .null }
            return .date(r)
        case .addPeriods, .subtractPeriods:
            guard case .period(let p) = a, case .period(var q) = b else { return .null }
            if self == .subtractPeriods { q = q.negated }
            let (m, o1) = p.months.addingReportingOverflow(q.months)
            let (d, o2) = p.days.addingReportingOverflow(q.days)
            return o1 || o2 ? .null : .period(Period(months: m, days: d))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let less: Bool, equal: Bool
            switch (a, b) {
            case (.int(let x), .int(let y)): (less, equal) = (x < y, x == y)
            case (.date(let x), .date(let y)): (less, equal) = (x < y, x == y)
            case (.string(let x), .string(let y)): (less, equal) = (x < y, x == y)
            default: return .null
            }
            switch self {
            case .less: return .bool(less)
            case .lessOrEqual: return .bool(less || equal)
            case .greater: return .bool(!less && !equal)
            default: return .bool(!less)
            }
        case .minimum, .maximum:
            switch (a, b) {
            case (.int(let x), .int(let y)): return .int(self == .maximum ? Swift.max(x, y) : Swift.min(x, y))
            case (.date(let x), .date(let y)): return .date(self == .maximum ? Swift.max(x, y) : Swift.min(x, y))
            default: return .null
            }
        case .daysBetween:
            guard case .date(let x) = a, case .date(let y) = b else { return .null }
            return .int(x.days(until: y))
        case .alwaysNull:
            return .null
        }
    }

    @inline(__always)
    private static func ints(_ a: Value, _ b: Value,
                             _ f: (Int, Int) -> (partialValue: Int, overflow: Bool)) -> Value {
        guard case .int(let x) = a, case .int(let y) = b else { return .null }
        let (r, overflow) = f(x, y)
        return overflow ? .null : .int(r)
    }
}
