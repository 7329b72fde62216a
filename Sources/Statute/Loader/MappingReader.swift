import StatuteCore
import StatuteYAML

/// Reads one YAML mapping strictly: reports unknown keys (with "did you mean"),
/// missing required keys and wrong value shapes, collecting diagnostics as it goes.
struct MappingReader {
    let node: YAMLNode
    let entries: [YAMLMappingEntry]
    /// Each entry's key text (empty for a key that is not a scalar), so that finding a
    /// key compares strings only.
    let keys: [String]

    /// Starts reading `node` as a mapping with the given keys; reports a diagnostic and
    /// returns `nil` when the node is not a mapping. `context` says what the mapping is,
    /// for messages ("the policy", "transition `x`", …); it is worked out only for one.
    init?(_ node: YAMLNode, context: @autoclosure () -> String, allowed: [String], required: [String] = [],
          diagnostics: inout [Diagnostic]) {
        guard let entries = node.mapping else {
            diagnostics.append(.error(.wrongType, "\(context()) must be a mapping, found \(node.kindDescription)",
                                      at: node.span))
            return nil
        }
        self.node = node
        self.entries = entries
        var keys: [String] = []
        keys.reserveCapacity(entries.count)
        for entry in entries {
            let key = entry.key.scalar?.value ?? ""
            keys.append(key)
            if !allowed.contains(key) {
                diagnostics.append(.error(.unknownKey, "unknown key `\(key)` in \(context())", at: entry.key.span,
                                          help: Suggestions.didYouMean(key, in: allowed)
                                            ?? "allowed keys: \(allowed.map { "`\($0)`" }.joined(separator: ", "))"))
            }
        }
        self.keys = keys
        for key in required where !entries.contains(where: { $0.key.scalar?.value == key }) {
            diagnostics.append(.error(.missingKey, "\(context()) is missing required key `\(key)`",
                                      at: SourceSpan(file: node.span.file, at: node.span.start)))
        }
    }

    /// The value node of `key`, if present.
    subscript(key: String) -> YAMLNode? {
        keys.firstIndex(of: key).map { entries[$0].value }
    }

    /// The key node of `key`, if present.
    func keyNode(_ key: String) -> YAMLNode? {
        keys.firstIndex(of: key).map { entries[$0].key }
    }
}

/// Shape checks on single nodes, shared by every lowering.
enum NodeReading {
    /// A non-null scalar's value as text; any scalar style. Reports lists and mappings.
    static func text(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            diagnostics.append(.error(.wrongType, "\(what()) must be text, found \(node.kindDescription)", at: node.span))
            return nil
        }
        return Located(scalar.value, at: node.span)
    }

    /// A name (identifier-like): a string scalar, not a boolean, number or null.
    static func name(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            diagnostics.append(.error(.wrongType, "\(what()) must be a name, found \(node.kindDescription)", at: node.span))
            return nil
        }
        return Located(scalar.value, at: node.span)
    }

    /// A plain `true` or `false`.
    static func bool(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> Bool? {
        guard let value = node.scalar?.boolValue else {
            let help = node.scalar.map { ["yes", "no", "on", "off", "y", "n"].contains($0.value.lowercased()) } == true
                ? "YAML 1.1 words like `yes` and `no` are strings here; write `true` or `false`" : nil
            diagnostics.append(.error(.wrongType, "\(what()) must be `true` or `false`, found \(node.kindDescription)",
                                      at: node.span, help: help))
            return nil
        }
        return value
    }

    /// A plain integer.
    static func int(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> Located<Int>? {
        guard let value = node.scalar?.intValue else {
            diagnostics.append(.error(.wrongType, "\(what()) must be an integer, found \(node.kindDescription)",
                                      at: node.span))
            return nil
        }
        return Located(value, at: node.span)
    }

    /// A scalar or a list of scalars, as names.
    static func nameList(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> [Located<String>] {
        if let items = node.sequence {
            return items.compactMap { name($0, what: what(), diagnostics: &diagnostics) }
        }
        return name(node, what: what(), diagnostics: &diagnostics).map { [$0] } ?? []
    }

    /// A list, as its items; reports other shapes.
    static func list(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> [YAMLNode] {
        guard let items = node.sequence else {
            diagnostics.append(.error(.wrongType, "\(what()) must be a list, found \(node.kindDescription)", at: node.span))
            return []
        }
        return items
    }

    /// An expression: the scalar's text with the location of each character.
    static func expression(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> EmbeddedText? {
        guard let scalar = node.scalar, !scalar.isNull else {
            diagnostics.append(.error(.wrongType, "\(what()) must be an expression, found \(node.kindDescription)",
                                      at: node.span, help: "write the expression as text, e.g. `guard: components.completed >= components.required`"))
            return nil
        }
        return scalar.text
    }
}
