import StatuteCore

/// Definitions for policy files (docs/policy-language.md).
extension StatuteSchema {
    /// Definitions both kinds of file use.
    static var commonDefinitions: [(String, JSONValue)] {
        [
            ("identifier", ["type": "string", "pattern": .string(identifierPattern)]),
            ("transitionID", ["type": "string", "pattern": .string(idPattern)]),
            ("factPath", ["type": "string", "pattern": .string(factPathPattern)]),
        ]
    }

    static var policyDefinitions: [(String, JSONValue)] {
        [
            ("policy", policy),
            ("expression", [
                "description": "An expression (docs/policy-language.md). A plain `true` or a number is read as its text.",
                "type": ["string", "boolean", "integer"], "maxLength": 4096,
            ]),
            ("valueType", [
                "description": "`bool`, `int`, `string` or `date`; a trailing `?` allows null.",
                "type": "string", "pattern": .string(typePattern),
            ]),
            ("valueDeclaration", valueDeclaration),
            ("role", [
                "type": ["object", "null"], "additionalProperties": false,
                "properties": [
                    "description": ["type": "string"],
                    "includes": ["description": "Roles this role may act as.", "type": "array", "items": ref("identifier")],
                ],
            ]),
            ("status", [
                "type": ["object", "null"], "additionalProperties": false,
                "properties": [
                    "label": ["type": "string"],
                    "description": ["type": "string"],
                    "final": ["description": "A final status has no outgoing transitions.", "type": "boolean"],
                ],
            ]),
            ("named", [
                "type": ["object", "null"], "additionalProperties": false,
                "properties": ["description": ["type": "string"]],
            ]),
            ("fromItem", [
                "description": "A status, `start` (a new record) or `*` (any status not final).",
                "type": "string", "pattern": "^([a-z][a-z0-9_]*|\\*)$",
            ]),
            ("acknowledge", [
                "description": "Analysis warnings acknowledged as intended, each with the reason (shown in generated docs).",
                "type": "object",
                "propertyNames": ["enum": strings(PolicyAnalyzer.acknowledgeableCodes.map(\.rawValue))],
                "additionalProperties": ["type": "string"],
            ]),
            ("transition", transition),
        ]
    }

    static var policy: JSONValue {
        [
            "type": "object",
            "required": ["statute", "name", "statuses", "transitions"],
            "additionalProperties": false,
            "properties": [
                "statute": ["description": "The format version.", "const": 1],
                "name": ["description": "The policy id.", "type": "string", "pattern": .string(idPattern)],
                "title": ["type": "string"],
                "description": ["type": "string"],
                "roles": section("Roles staff can hold.", names: "identifier", values: ref("role")),
                "settings": section("Organisation-wide settings, read as `settings.NAME`.", names: "identifier",
                                    values: ref("valueDeclaration")),
                "facts": section("The per-record input the host supplies.", names: "factPath", values: ref("valueDeclaration")),
                "derive": section("Named values computed from facts, settings, `today` and other derived names.",
                                  names: "identifier", values: ref("expression")),
                "statuses": [
                    "description": "The statuses, in display order.", "type": "object", "minProperties": 1,
                    "propertyNames": ref("identifier"), "additionalProperties": ref("status"),
                ],
                "events": section("What the host may report.", names: "identifier", values: ref("named")),
                "effects": section("What the engine may ask the host to do.", names: "identifier", values: ref("named")),
                "transitions": ["description": "In priority order.", "type": "array", "items": ref("transition")],
                "acknowledge": ref("acknowledge"),
            ],
        ]
    }

    static var valueDeclaration: JSONValue {
        [
            "anyOf": [
                ref("valueType"),
                [
                    "type": "object", "required": ["type"], "additionalProperties": false,
                    "properties": [
                        "type": ref("valueType"),
                        "default": ["description": "A value of the declared type (dates as `YYYY-MM-DD`)."],
                        "min": ["description": "`int` only.", "type": "integer"],
                        "max": ["description": "`int` only.", "type": "integer"],
                        "values": ["description": "`string` only: the allowed strings.", "type": "array", "items": ["type": "string"]],
                        "label": ["type": "string"],
                        "description": ["type": "string"],
                    ],
                ],
            ],
        ]
    }

    static var transition: JSONValue {
        let triggers: [JSONValue] = [["required": ["on"]], ["required": ["when"]], ["required": ["at"]]]
        return [
            "type": "object",
            "required": ["id", "from", "to", "mode"],
            "additionalProperties": false,
            "properties": [
                "id": ref("transitionID"),
                "from": ["anyOf": [ref("fromItem"), ["type": "array", "minItems": 1, "items": ref("fromItem")]]],
                "to": ref("identifier"),
                "mode": ["enum": ["automatic", "manual"]],
                "on": ["description": "Automatic only: an event.", "allOf": [ref("identifier")]],
                "when": ["description": "Automatic only: a bool expression.", "allOf": [ref("expression")]],
                "at": ["description": "Automatic only: a date expression.", "allOf": [ref("expression")]],
                "guard": ["description": "A bool expression that must hold too.", "allOf": [ref("expression")]],
                "by": ["description": "Manual only: the roles allowed to request it.",
                       "anyOf": [ref("identifier"), ["type": "array", "minItems": 1, "items": ref("identifier")]]],
                "set": ["description": "Facts assigned when the transition is taken.", "type": "object",
                        "propertyNames": ref("factPath"), "additionalProperties": ref("expression")],
                "effects": ["type": "array", "items": ref("identifier")],
                "description": ["type": "string"],
                "acknowledge": ref("acknowledge"),
            ],
            "allOf": [
                [
                    "if": ["properties": ["mode": ["const": "automatic"]], "required": ["mode"]],
                    "then": ["oneOf": .array(triggers), "not": ["required": ["by"]]],
                ],
                [
                    "if": ["properties": ["mode": ["const": "manual"]], "required": ["mode"]],
                    "then": ["required": ["by"], "not": ["anyOf": .array(triggers)]],
                ],
            ],
        ]
    }
}
