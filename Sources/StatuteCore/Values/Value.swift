/// A runtime value of a fact, setting, derived name or expression.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    /// `null`: an optional fact with no value, or an unknown result (SQL-like three-valued logic).
    case null
    /// A `bool`.
    case bool(Bool)
    /// An `int` (64-bit; overflow in expressions gives `null`).
    case int(Int)
    /// A `string`.
    case string(String)
    /// A `date`, with no time and no time zone.
    case date(CalendarDate)
    /// A `period` of months and days; produced only by expressions.
    case period(Period)

    /// Whether the value is `null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The base type of a non-null value; `nil` for `null`.
    package var baseType: BaseType? {
        switch self {
        case .null: nil
        case .bool: .bool
        case .int: .int
        case .string: .string
        case .date: .date
        case .period: .period
        }
    }

    /// Whether this value fits `type` (null fits only optional types).
    package func fits(_ type: ValueType) -> Bool {
        guard let base = baseType else { return type.isOptional }
        return base == type.base
    }

    /// The `bool` payload, or `nil` for any other case.
    public var boolValue: Bool? { if case .bool(let v) = self { v } else { nil } }
    /// The `int` payload, or `nil` for any other case.
    public var intValue: Int? { if case .int(let v) = self { v } else { nil } }
    /// The `string` payload, or `nil` for any other case.
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    /// The `date` payload, or `nil` for any other case.
    public var dateValue: CalendarDate? { if case .date(let v) = self { v } else { nil } }
    /// The `period` payload, or `nil` for any other case.
    public var periodValue: Period? { if case .period(let v) = self { v } else { nil } }

    /// How the value is written in explanations: `null`, `true`, `42`, `'text'`, `2026-03-01`.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let v): String(v)
        case .int(let v): String(v)
        case .string(let v): "'\(v)'"
        case .date(let v): v.description
        case .period(let v): v.description
        }
    }
}
