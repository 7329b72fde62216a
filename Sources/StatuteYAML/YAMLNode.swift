package import StatuteCore

/// How a scalar was written in the file.
package enum YAMLScalarStyle: String, Hashable, Sendable {
    /// `plain` (unquoted), `singleQuoted` (`'…'`), `doubleQuoted` (`"…"`), `literal` (`|`) or `folded`
    /// (`>`); only plain scalars can be null, booleans or integers.
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar: its value, how it was written, and where each of its characters is.
package struct YAMLScalar: Hashable, Sendable {
    /// The scalar's value after unquoting, unescaping and folding.
    package let value: String
    /// How the scalar was written: plain, quoted, literal or folded.
    package let style: YAMLScalarStyle
    /// The value with a file location for each of its Unicode scalars, so that an
    /// expression written in this scalar can report errors at exact columns.
    package let text: EmbeddedText

    /// Creates a scalar.
    package init(value: String, style: YAMLScalarStyle, text: EmbeddedText) {
        self.value = value
        self.style = style
        self.text = text
    }

    /// Whether the scalar is a YAML core-schema null: a plain `~`, `null`, `Null`,
    /// `NULL`, or an empty plain scalar.
    package var isNull: Bool {
        style == .plain && ["", "~", "null", "Null", "NULL"].contains(value)
    }

    /// The core-schema boolean of a plain scalar (`true`/`True`/`TRUE`,
    /// `false`/`False`/`FALSE`); `nil` otherwise. `yes`, `no`, `on` and `off` are strings.
    package var boolValue: Bool? {
        guard style == .plain else { return nil }
        switch value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The core-schema integer of a plain scalar (`[-+]?[0-9]+`, `0o[0-7]+`,
    /// `0x[0-9a-fA-F]+`); `nil` otherwise or when it does not fit in `Int`.
    package var intValue: Int? {
        guard style == .plain else { return nil }
        var text = Substring(value)
        for (prefix, radix) in [("0x", 16), ("0o", 8)] where text.hasPrefix(prefix) {
            let digits = text.dropFirst(2)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
            return Int(digits, radix: radix)
        }
        var negative = false
        if text.hasPrefix("-") || text.hasPrefix("+") {
            negative = text.first == "-"
            text = text.dropFirst()
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int((negative ? "-" : "") + text)
    }

    /// Whether the plain scalar looks like a core-schema float (`1.5`, `.inf`, `.nan`, `1e3`).
    package var looksLikeFloat: Bool {
        guard style == .plain, intValue == nil else { return false }
        let lowered = value.lowercased()
        if [".inf", "-.inf", "+.inf", ".nan"].contains(lowered) { return true }
        return Double(value) != nil && value.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    }
}

/// One `key: value` pair of a mapping, in file order.
package struct YAMLMappingEntry: Hashable, Sendable {
    /// The key node (a scalar in every tree the reader keeps).
    package let key: YAMLNode
    /// The value node.
    package let value: YAMLNode

    /// Creates a mapping entry.
    package init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A node of a YAML document, with its position in the file.
///
/// Produced by ``YAMLReader``; aliases are already expanded (within the node budget),
/// so the tree is plain data.
package struct YAMLNode: Hashable, Sendable {
    /// A scalar, a list (YAML sequence) or a mapping.
    package enum Kind: Hashable, Sendable {
        /// A scalar: text, a number, a boolean or null, depending on its value and style.
        case scalar(YAMLScalar)
        /// A list (YAML sequence), in file order.
        case sequence([YAMLNode])
        /// Entries in file order; keys are unique (duplicates are reported by the reader).
        case mapping([YAMLMappingEntry])
    }

    /// Whether the node is a scalar, a list or a mapping, with its contents.
    package let kind: Kind
    /// From the node's first character to just past its last.
    package let span: SourceSpan

    /// Creates a node.
    package init(kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The scalar, or `nil` when the node is a list or a mapping.
    package var scalar: YAMLScalar? { if case .scalar(let s) = kind { s } else { nil } }
    /// The list items, or `nil` when the node is not a list.
    package var sequence: [YAMLNode]? { if case .sequence(let s) = kind { s } else { nil } }
    /// The mapping entries, or `nil` when the node is not a mapping.
    package var mapping: [YAMLMappingEntry]? { if case .mapping(let m) = kind { m } else { nil } }

    /// The value of a scalar key of this mapping, if present.
    package subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key.scalar?.value == key })?.value
    }

    /// A short word for what this node is, for messages: `a mapping`, `a list`, `a string`…
    package var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            if s.isNull { return "null" }
            if s.boolValue != nil { return "a boolean" }
            if s.intValue != nil { return "an integer" }
            if s.style == .plain, !s.value.isEmpty,
               s.value.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy({ $0.isASCII && $0.isNumber }) {
                return "an integer too large for 64 bits"
            }
            if s.looksLikeFloat { return "a number" }
            return "a string"
        }
    }
}
