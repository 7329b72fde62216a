import StatuteCore
import StatuteYAML

/// The keys a kind of mapping allows, and which of them it requires, laid out once
/// (each kind's is a `static let`) so that reading a mapping compares bytes only.
final class MappingKeys: Sendable {
    let table: YAMLKeyTable
    /// The required keys, in the order they are reported when missing.
    let required: [String]
    /// The slot of each required key in ``allowed``, or -1 when it is not allowed.
    let requiredSlots: [Int]

    var allowed: [String] { table.keys }

    init(_ allowed: [String], required: [String] = []) {
        table = YAMLKeyTable(allowed)
        self.required = required
        requiredSlots = required.map { allowed.firstIndex(of: $0) ?? -1 }
    }
}

/// Reads one YAML mapping strictly: reports unknown keys (with "did you mean"),
/// missing required keys and wrong value shapes, collecting diagnostics as it goes.
struct MappingReader {
    let node: YAMLNode
    /// The entries, found by the allowed keys' positions.
    private let found: YAMLKeyedEntries
    private let allowed: [String]

    /// Starts reading `node` as a mapping with the given keys; reports a diagnostic and
    /// returns `nil` when the node is not a mapping. `context` says what the mapping is,
    /// for messages ("the policy", "transition `x`", …); it is worked out only for one.
    init?(_ node: YAMLNode, context: @autoclosure () -> String, allowed: [String], required: [String] = [],
          diagnostics: inout [Diagnostic]) {
        self.init(node, context: context(), keys: MappingKeys(allowed, required: required), diagnostics: &diagnostics)
    }

    /// Starts reading `node` as a mapping with `keys`; reports a diagnostic and returns
    /// `nil` when the node is not a mapping. `context` says what the mapping is, for
    /// messages ("the policy", "transition `x`", …); it is worked out only for one.
    init?(_ node: YAMLNode, context: @autoclosure () -> String, keys: MappingKeys, diagnostics: inout [Diagnostic]) {
        let allowed = keys.allowed
        let found = node.lookUp(keys.table) { entry in
            let key = entry.key.scalarValue ?? ""
            diagnostics.append(.error(.unknownKey, "unknown key `\(key)` in \(context())", at: entry.key.span,
                                      help: Suggestions.didYouMean(key, in: allowed)
                                        ?? "allowed keys: \(allowed.map { "`\($0)`" }.joined(separator: ", "))"))
        }
        guard let found else {
            diagnostics.append(.error(.wrongType, "\(context()) must be a mapping, found \(node.kindDescription)",
                                      at: node.span))
            return nil
        }
        self.node = node
        self.found = found
        self.allowed = allowed
        for index in keys.requiredSlots.indices where !found.contains(keys.requiredSlots[index]) {
            diagnostics.append(.error(.missingKey, "\(context()) is missing required key `\(keys.required[index])`",
                                      at: SourceSpan(file: node.span.file, at: node.span.start)))
        }
    }

    /// The value node of `allowed[slot]`, if present.
    subscript(slot slot: Int) -> YAMLNode? { found[slot] }

    /// The value node of `key` (one of the allowed keys), if present.
    subscript(key: String) -> YAMLNode? {
        slot(of: key).flatMap { found[$0] }
    }

    /// The key node of `key`, if present.
    func keyNode(_ key: String) -> YAMLNode? {
        slot(of: key).flatMap { found.entry($0)?.key }
    }

    private func slot(of key: String) -> Int? {
        let length = key.utf8.count
        return allowed.firstIndex { $0.utf8.count == length && $0 == key }
    }
}

/// Shape checks on single nodes, shared by every lowering.
enum NodeReading {
    /// A non-null scalar's value as text; any scalar style. Reports lists and mappings.
    static func text(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let value = node.nonNullScalarValue else {
            diagnostics.append(.error(.wrongType, "\(what()) must be text, found \(node.kindDescription)", at: node.span))
            return nil
        }
        return Located(string: value, at: node.span)
    }

    /// A name (identifier-like): a string scalar, not a boolean, number or null.
    static func name(_ node: YAMLNode, what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let value = node.nonNullScalarValue else {
            diagnostics.append(.error(.wrongType, "\(what()) must be a name, found \(node.kindDescription)", at: node.span))
            return nil
        }
        return Located(string: value, at: node.span)
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
        if let items = node.items {
            var names: [Located<String>] = []
            names.reserveCapacity(items.count)
            for item in items {
                if let name = name(item, what: what(), diagnostics: &diagnostics) { names.append(name) }
            }
            return names
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
        guard let text = node.nonNullScalarText else {
            diagnostics.append(.error(.wrongType, "\(what()) must be an expression, found \(node.kindDescription)",
                                      at: node.span, help: "write the expression as text, e.g. `guard: components.completed >= components.required`"))
            return nil
        }
        return text
    }
}
