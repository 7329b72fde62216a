/// A role staff can hold (`roles:`). A role that includes another may do all it may.
package struct RoleDeclaration: Hashable, Sendable {
    /// The role name (`clerk`).
    package var name: Located<String>
    /// `description:`, or `nil`.
    package var description: String?
    /// `includes:` — the roles this one may also act as, as written.
    package var includes: [Located<String>]

    /// Creates a role declaration.
    package init(name: Located<String>, description: String? = nil, includes: [Located<String>] = []) {
        self.name = name
        self.description = description
        self.includes = includes
    }
}

/// A setting or fact declaration (docs/policy-language.md).
package struct ValueDeclaration: Hashable, Sendable {
    /// The name: an identifier for settings, a dotted path for facts.
    package var name: Located<String>
    /// The declared type, such as `date?` (`?`: the value may be `null`).
    package var type: Located<ValueType>
    /// The declared default, already converted to the declared type.
    package var defaultValue: Located<Value>?
    /// Bounds, for `int` declarations only.
    package var min: Located<Int>?
    /// The upper bound, for `int` declarations only.
    package var max: Located<Int>?
    /// The allowed strings, for `string` declarations only.
    package var allowedValues: [Located<String>]?
    /// `label:` — a human name for docs and explanations, or `nil`.
    package var label: String?
    /// `description:`, or `nil`.
    package var description: String?

    /// Creates a setting or fact declaration; `defaultValue` must already have the declared type.
    package init(name: Located<String>, type: Located<ValueType>, defaultValue: Located<Value>? = nil,
                min: Located<Int>? = nil, max: Located<Int>? = nil,
                allowedValues: [Located<String>]? = nil, label: String? = nil, description: String? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
        self.allowedValues = allowedValues
        self.label = label
        self.description = description
    }

    /// Whether an evaluation must supply a value: not optional and no default.
    package var isRequired: Bool { !type.value.isOptional && defaultValue == nil }

    /// Checks a value against the declaration; returns a reason in rustc's voice, or `nil` when it fits.
    package func violation(of value: Value) -> String? {
        if value.isNull {
            return type.value.isOptional ? nil : "`\(name.value)` cannot be null"
        }
        guard value.fits(type.value) else {
            return "`\(name.value)` is \(type.value.nonOptional), not \(value.baseType.map { "\($0)" } ?? "null")"
        }
        if case .int(let n) = value {
            if let min, n < min.value { return "`\(name.value)` must be at least \(min.value), got \(n)" }
            if let max, n > max.value { return "`\(name.value)` must be at most \(max.value), got \(n)" }
        }
        if case .string(let s) = value, let allowed = allowedValues, !allowed.contains(where: { $0.value == s }) {
            let list = allowed.map { "`\($0.value)`" }.joined(separator: ", ")
            return "`\(name.value)` must be one of \(list), got `\(s)`"
        }
        return nil
    }
}

/// A `derive:` entry: a named expression.
package struct DerivedDeclaration: Hashable, Sendable {
    /// The derived name, usable in expressions like a fact.
    package var name: Located<String>
    /// The expression text with its position in the policy file.
    package var expression: EmbeddedText

    /// Creates a derived-value declaration.
    package init(name: Located<String>, expression: EmbeddedText) {
        self.name = name
        self.expression = expression
    }
}

/// A status a record can be in.
package struct StatusDeclaration: Hashable, Sendable {
    /// The status id (`in_progress`).
    package var id: Located<String>
    /// `label:` — the display name, or `nil` to make one from the id.
    package var label: String?
    /// `description:`, or `nil`.
    package var description: String?
    /// A final status has no outgoing transitions and is not matched by `from: "*"`.
    package var isFinal: Bool

    /// Creates a status declaration.
    package init(id: Located<String>, label: String? = nil, description: String? = nil, isFinal: Bool = false) {
        self.id = id
        self.label = label
        self.description = description
        self.isFinal = isFinal
    }
}

/// An event the host may report, or an effect the engine may ask the host to perform.
package struct NamedDeclaration: Hashable, Sendable {
    /// The event or effect name.
    package var name: Located<String>
    /// `description:`, or `nil`.
    package var description: String?

    /// Creates an event or effect declaration.
    package init(name: Located<String>, description: String? = nil) {
        self.name = name
        self.description = description
    }
}

/// An analysis warning the policy's author has acknowledged (`acknowledge: {code: reason}`),
/// so that `check --strict` passes and generated docs still state the pitfall and the reason.
package struct Acknowledgement: Hashable, Sendable {
    /// The warning code acknowledged, e.g. `setting-disables-transition`.
    package var code: Located<String>
    /// Why it is intended; shown in generated docs.
    package var reason: String

    /// Creates an acknowledgement of warning `code`, with the author's reason.
    package init(code: Located<String>, reason: String) {
        self.code = code
        self.reason = reason
    }
}
