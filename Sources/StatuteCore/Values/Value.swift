/// A runtime value of a fact, setting, derived name or expression.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case date(CalendarDate)
    case period(Period)

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The base type of a non-null value; `nil` for `null`.
    public var baseType: BaseType? {
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
    public func fits(_ type: ValueType) -> Bool {
        guard let base = baseType else { return type.isOptional }
        return base == type.base
    }

    public var boolValue: Bool? { if case .bool(let v) = self { v } else { nil } }
    public var intValue: Int? { if case .int(let v) = self { v } else { nil } }
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    public var dateValue: CalendarDate? { if case .date(let v) = self { v } else { nil } }
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
