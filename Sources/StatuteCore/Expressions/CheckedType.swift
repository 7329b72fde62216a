/// The type the checker gives a sub-expression.
enum CheckedType: Equatable, Sendable, CustomStringConvertible {
    /// Depends on something already reported: check nothing further, report nothing more.
    case poison
    /// The `null` literal, which fits any type.
    case null
    case value(ValueType)

    var base: BaseType? { if case .value(let t) = self { t.base } else { nil } }

    /// Whether the value may be null.
    var mayBeNull: Bool {
        switch self {
        case .poison: false
        case .null: true
        case .value(let t): t.isOptional
        }
    }

    var description: String {
        switch self {
        case .poison: "unknown"
        case .null: "null"
        case .value(let t): t.description
        }
    }

    /// The shared type of two values that must agree (`?:` branches, `in` items, `==`);
    /// `nil` when they do not.
    static func unify(_ a: CheckedType, _ b: CheckedType) -> CheckedType? {
        switch (a, b) {
        case (.poison, _), (_, .poison): return .poison
        case (.null, .null): return .null
        case (.null, .value(let t)), (.value(let t), .null): return .value(t.optional)
        case (.value(let x), .value(let y)):
            guard x.base == y.base else { return nil }
            return .value(ValueType(x.base, optional: x.isOptional || y.isOptional))
        }
    }
}
