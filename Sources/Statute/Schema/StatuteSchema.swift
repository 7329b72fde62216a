import StatuteCore

/// JSON Schemas (draft 2020-12) for Statute's YAML files, for editors: policy files
/// (docs/policy-language.md, plus `acknowledge`) and policy test files (docs/test-files.md). YAML editors such as
/// VS Code's YAML extension validate and complete against them.
///
/// The schemas check shape — keys, kinds of values, identifier patterns, enumerations,
/// and which trigger keys each `mode` allows; `statute check` checks everything else
/// (names resolve, expressions type-check, defaults fit their declarations).
package enum StatuteSchema {
    static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// The schema of a policy file.
    package static func policySchema() -> String {
        document(id: "urn:statute:schema:policy", title: "Statute policy",
                 root: "policy", defs: policyDefinitions)
    }

    /// The schema of a policy test file.
    package static func testFileSchema() -> String {
        document(id: "urn:statute:schema:test-file", title: "Statute policy test file",
                 root: "testFile", defs: testDefinitions)
    }

    /// One schema for both: a file with a `statute` key is a policy, otherwise a test file.
    package static func combined() -> String {
        let schema: JSONValue = [
            "$schema": .string(draft),
            "$id": "urn:statute:schema",
            "title": "Statute policy or policy test file",
            "if": ["type": "object", "required": ["statute"]],
            "then": ["$ref": "#/$defs/policy"],
            "else": ["$ref": "#/$defs/testFile"],
            "$defs": .object(policyDefinitions + testDefinitions + commonDefinitions),
        ]
        return schema.rendered(pretty: true) + "\n"
    }

    static func document(id: String, title: String, root: String, defs: [(String, JSONValue)]) -> String {
        let schema: JSONValue = [
            "$schema": .string(draft),
            "$id": .string(id),
            "title": .string(title),
            "$ref": .string("#/$defs/\(root)"),
            "$defs": .object(defs + commonDefinitions),
        ]
        return schema.rendered(pretty: true) + "\n"
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/$defs/\(name)")] }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// A mapping from names matching `names` to values matching `values`; a null
    /// (empty) section is allowed, as the loader allows it.
    static func section(_ description: String, names: String, values: JSONValue) -> JSONValue {
        ["description": .string(description), "type": ["object", "null"],
         "propertyNames": ref(names), "additionalProperties": values]
    }

    static let identifierPattern = "^[a-z][a-z0-9_]*$"
    static let idPattern = "^[a-z][a-z0-9_-]*$"
    static let factPathPattern = "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$"
    static let typePattern = "^(bool|int|string|date)\\??$"
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
}
