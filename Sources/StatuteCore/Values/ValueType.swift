/// The base types of Statute values.
public enum BaseType: String, Hashable, Sendable, CaseIterable {
    /// `bool`, `int`, `string` and `date` can be declared; `period` comes only from `days()`, `months()`, `years()`.
    case bool, int, string, date, period
}

/// A value type: a base type, optionally nullable (`T?`).
///
/// Declarations of settings and facts use `bool`, `int`, `string`, `date` (each with an
/// optional `?`); expressions also produce `period`.
public struct ValueType: Hashable, Sendable, CustomStringConvertible {
    /// The base type, without `?`.
    public var base: BaseType
    /// Whether `null` is a possible value.
    public var isOptional: Bool

    /// Creates a type; `optional: true` is `T?`.
    public init(_ base: BaseType, optional: Bool = false) {
        self.base = base
        self.isOptional = optional
    }

    /// `bool`.
    public static let bool = ValueType(.bool)
    /// `int`.
    public static let int = ValueType(.int)
    /// `string`.
    public static let string = ValueType(.string)
    /// `date`.
    public static let date = ValueType(.date)
    /// `period`, produced by `days()`, `months()` and `years()`.
    public static let period = ValueType(.period)

    /// This type made optional.
    public var optional: ValueType { ValueType(base, optional: true) }
    /// This type without its `?`.
    public var nonOptional: ValueType { ValueType(base, optional: false) }

    /// Whether a value of type `other` may stand where this type is expected
    /// (a `T` is accepted wherever `T?` is).
    package func accepts(_ other: ValueType) -> Bool {
        base == other.base && (isOptional || !other.isOptional)
    }

    /// Parses `bool`, `int`, `string`, `date`, `period`, each optionally followed by `?`.
    public init?(parsing text: String) {
        var name = Substring(text)
        var optional = false
        if name.hasSuffix("?") {
            optional = true
            name = name.dropLast()
        }
        guard let base = BaseType(rawValue: String(name)) else { return nil }
        self.init(base, optional: optional)
    }

    /// The type as written in a policy: `date`, `date?`.
    public var description: String { base.rawValue + (isOptional ? "?" : "") }
}
