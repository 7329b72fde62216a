/// A JSON value of the protocol's messages. Objects are unordered (the writer sorts their
/// keys, so output is deterministic); numbers are integers when they have no fraction or
/// exponent and fit in an `Int`.
package enum JSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    /// The member `key` of an object; `nil` for a missing member or a value that is not an object.
    package subscript(key: String) -> JSON? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    /// The string, or `nil`.
    package var string: String? { if case .string(let s) = self { s } else { nil } }
    /// The integer (a double with no fraction that fits counts too), or `nil`.
    package var int: Int? {
        switch self {
        case .int(let n): n
        case .double(let d): d.rounded() == d && abs(d) < 9e15 ? Int(d) : nil
        default: nil
        }
    }
    /// The bool, or `nil`.
    package var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The items of an array, or `nil`.
    package var array: [JSON]? { if case .array(let items) = self { items } else { nil } }
    /// Whether the value is an object.
    package var isObject: Bool { if case .object = self { true } else { false } }

    /// A string, or `null` for `nil`.
    package static func text(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: JSON...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    package init(nilLiteral: ()) { self = .null }
}
