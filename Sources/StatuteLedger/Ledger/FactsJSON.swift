import Statute

/// Stored facts: one flat JSON object with dotted keys in sorted order, so that equal
/// facts are equal text.
enum FactsJSON {
    /// The facts object of stored text (an empty object for empty or unreadable text).
    static func parse(_ text: String) -> [String: JSONValue] {
        guard case .success(.object(let members)) = JSONReader.parse(Array(text.utf8)) else { return [:] }
        return Dictionary(members, uniquingKeysWith: { _, last in last })
    }

    /// The text of a facts dictionary.
    static func text(_ facts: [String: JSONValue]) -> String {
        object(facts).rendered()
    }

    static func object(_ facts: [String: JSONValue]) -> JSONValue {
        .object(facts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// A facts patch (nested objects or dotted keys) as flat dotted keys. Fact values are
    /// never objects, so every object is a group of names.
    static func flatten(_ value: JSONValue, prefix: String = "", into facts: inout [String: JSONValue]) {
        guard case .object(let members) = value else { return }
        for (key, member) in members {
            let name = prefix.isEmpty ? key : prefix + "." + key
            if case .object = member {
                flatten(member, prefix: name, into: &facts)
            } else {
                facts[name] = member
            }
        }
    }
}
