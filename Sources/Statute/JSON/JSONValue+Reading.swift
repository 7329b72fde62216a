/// Reading parsed JSON: member lookup and the words messages use for a value's kind.
extension JSONValue {
    /// The value of an object's member `key`, or `nil` when this is not an object or has
    /// no such member.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// "an object", "a list", "a string", "an integer", "the fraction 1.5", "a boolean" or
    /// "null", for messages.
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .fraction(let text): "the fraction \(text)"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
