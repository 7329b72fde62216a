/// Definitions for policy test files (SPEC §5.3).
extension StatuteSchema {
    static var testDefinitions: [(String, JSONValue)] {
        [
            ("testFile", testFile),
            ("date", ["description": "A calendar date, `YYYY-MM-DD`.", "type": "string", "pattern": .string(datePattern)]),
            ("inputValues", [
                "description": "Names (dotted fact paths or setting names) to values.",
                "type": ["object", "null"],
                "propertyNames": ["type": "string", "pattern": .string(factPathPattern)],
                "additionalProperties": ["type": ["string", "integer", "boolean", "null"]],
            ]),
            ("test", test),
            ("expectation", expectation),
        ]
    }

    static var testFile: JSONValue {
        [
            "type": "object",
            "required": ["policy", "tests"],
            "additionalProperties": false,
            "properties": [
                "policy": ["description": "The policy's path, relative to this file.", "type": "string"],
                "description": ["type": "string"],
                "today": ref("date"),
                "settings": ref("inputValues"),
                "facts": ref("inputValues"),
                "tests": ["type": "array", "items": ref("test")],
            ],
        ]
    }

    static var test: JSONValue {
        [
            "type": "object",
            "required": ["name", "expect"],
            "additionalProperties": false,
            "properties": [
                "name": ["type": "string"],
                "description": ["type": "string"],
                "today": ref("date"),
                "status": ["description": "The record's status; omit or null for a new record.",
                           "anyOf": [ref("identifier"), ["type": "null"]]],
                "facts": ref("inputValues"),
                "settings": ref("inputValues"),
                "event": ["description": "Report this event.", "allOf": [ref("identifier")]],
                "set": ["description": "Request this status manually (with `as`).", "allOf": [ref("identifier")]],
                "as": ["description": "The role making a manual request.", "allOf": [ref("identifier")]],
                "transition": ["description": "The manual transition to use.", "allOf": [ref("transitionID")]],
                "expect": ref("expectation"),
            ],
            "dependentRequired": ["as": ["set"], "transition": ["set"]],
            "not": ["required": ["event", "set"]],
        ]
    }

    static var expectation: JSONValue {
        [
            "description": "Each key optional, but at least one; those given must match exactly.",
            "type": "object",
            "minProperties": 1,
            "additionalProperties": false,
            "properties": [
                "outcome": ["enum": ["changed", "unchanged", "ignored", "rejected"]],
                "status": ["anyOf": [ref("identifier"), ["type": "null"]]],
                "steps": ["description": "Transition ids, in order.", "type": "array", "items": ref("transitionID")],
                "effects": ["type": "array", "items": ref("identifier")],
                "set": ref("inputValues"),
                "next": [
                    "anyOf": [
                        ["type": "null"],
                        [
                            "type": "object", "additionalProperties": false,
                            "properties": ["transition": ref("transitionID"), "to": ref("identifier"), "date": ref("date")],
                        ],
                    ],
                ],
            ],
        ]
    }
}
