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
    private let origin: Origin

    /// Where ``text`` comes from: given, or worked out from the document when asked.
    private enum Origin: Sendable {
        case given(EmbeddedText)
        case node(YAMLNodeStore, Int)
    }

    /// Creates a scalar.
    package init(value: String, style: YAMLScalarStyle, text: EmbeddedText) {
        self.value = value
        self.style = style
        self.origin = .given(text)
    }

    /// The scalar of a document's record `index` (not an alias).
    init(store: YAMLNodeStore, index: Int) {
        self.value = store.value(index)
        self.style = store.records[index].style
        self.origin = .node(store, index)
    }

    /// The value with a file location for each of its Unicode scalars, so that an
    /// expression written in this scalar can report errors at exact columns. Worked out
    /// from the file's text when asked.
    package var text: EmbeddedText {
        switch origin {
        case .given(let text): text
        case .node(let store, let index): store.embeddedText(index, value: value)
        }
    }

    /// Equal when value, style and every location are equal.
    package static func == (lhs: YAMLScalar, rhs: YAMLScalar) -> Bool {
        lhs.value == rhs.value && lhs.style == rhs.style && lhs.text == rhs.text
    }

    /// Hashes the value and the style.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(style)
    }

    /// Whether the scalar is a YAML core-schema null: a plain `~`, `null`, `Null`,
    /// `NULL`, or an empty plain scalar.
    package var isNull: Bool {
        guard style == .plain, value.utf8.count <= 4 else { return false }
        switch value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
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
}

/// A node of a YAML document, with its position in the file.
///
/// Produced by ``YAMLReader``; aliases are already expanded (within the node budget), so
/// the tree is plain data. A node is a reference to the document's store and an index
/// into it: copying one costs a retain, and a scalar's text and positions are made only
/// when asked for.
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

    /// Equal when spans and contents are equal, however they are stored.
    package static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        if lhs.store === rhs.store && lhs.index == rhs.index { return true }
        return lhs.span == rhs.span && lhs.kind == rhs.kind
    }

    /// Hashes the span.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(span)
    }

    let store: YAMLNodeStore
    /// The node's own record (an alias's, for a node an alias stands for).
    let index: Int

    init(store: YAMLNodeStore, index: Int) {
        self.store = store
        self.index = index
    }

    /// The record holding the node's content (the anchored one, for an alias).
    private var content: Int { store.target(index) }

    /// Whether the node is a scalar, a list or a mapping, with its contents.
    package var kind: Kind {
        if let scalar { return .scalar(scalar) }
        if let sequence { return .sequence(sequence) }
        return .mapping(mapping ?? [])
    }

    /// From the node's first character to just past its last.
    package var span: SourceSpan {
        let record = store.records[index]
        return SourceSpan(file: store.file, start: record.start, end: record.end)
    }

    /// Where the node's first character is.
    package var start: SourceLocation { store.records[index].start }

    /// Whether the node is a scalar.
    package var isScalar: Bool { store.records[content].kind == .scalar }
    /// Whether the node is a list.
    package var isSequence: Bool { store.records[content].kind == .sequence }
    /// Whether the node is a mapping.
    package var isMapping: Bool { store.records[content].kind == .mapping }

    /// Whether the node is a core-schema null scalar (`~`, `null`, empty…).
    package var isNull: Bool {
        let at = content
        let record = store.records[at]
        guard record.kind == .scalar, record.style == .plain else { return false }
        switch record.second - record.first {
        case 0: return true
        case 1: return store.value(at, equals: "~")
        case 4: return store.value(at, equals: "null") || store.value(at, equals: "Null") || store.value(at, equals: "NULL")
        default: return false
        }
    }

    /// The scalar's value, or `nil` when the node is a list or a mapping.
    package var scalarValue: String? {
        let at = content
        return store.records[at].kind == .scalar ? store.value(at) : nil
    }

    /// The value of a scalar that is not a core-schema null; `nil` for a null, a list or a
    /// mapping. ``scalarValue`` and ``isNull`` in one look at the record.
    package var nonNullScalarValue: String? {
        let at = content
        return isNonNullScalar(at) ? store.value(at) : nil
    }

    /// The text, with the location of each character, of a scalar that is not a core-schema
    /// null; `nil` for a null, a list or a mapping. ``scalar``'s ``YAMLScalar/text`` without
    /// making the scalar.
    package var nonNullScalarText: EmbeddedText? {
        let at = content
        return isNonNullScalar(at) ? store.embeddedText(at, value: store.value(at)) : nil
    }

    /// Whether record `at` (not an alias) is a scalar that is not a core-schema null.
    private func isNonNullScalar(_ at: Int) -> Bool {
        let record = store.records[at]
        guard record.kind == .scalar else { return false }
        guard record.style == .plain else { return true }
        switch record.second - record.first {
        case 0: return false
        case 1: return !store.value(at, equals: "~")
        case 4: return !(store.value(at, equals: "null") || store.value(at, equals: "Null") || store.value(at, equals: "NULL"))
        default: return true
        }
    }

    /// Whether the node is a scalar whose value is `text`.
    package func scalarEquals(_ text: String) -> Bool {
        let at = content
        return store.records[at].kind == .scalar && store.value(at, equals: text)
    }

    /// The scalar, or `nil` when the node is a list or a mapping.
    package var scalar: YAMLScalar? {
        let at = content
        return store.records[at].kind == .scalar ? YAMLScalar(store: store, index: at) : nil
    }

    /// The list items, or `nil` when the node is not a list.
    package var sequence: [YAMLNode]? {
        let at = content
        let record = store.records[at]
        guard record.kind == .sequence else { return nil }
        var items: [YAMLNode] = []
        items.reserveCapacity(Int(record.second))
        var child = at + 1
        let end = Int(record.first)
        while child < end {
            items.append(YAMLNode(store: store, index: child))
            child = store.next(child)
        }
        return items
    }

    /// The list items without an array, or `nil` when the node is not a list.
    package var items: YAMLItems? {
        let at = content
        let record = store.records[at]
        guard record.kind == .sequence else { return nil }
        return YAMLItems(store: store, first: at + 1, end: Int(record.first), count: Int(record.second))
    }

    /// The mapping entries, or `nil` when the node is not a mapping.
    package var mapping: [YAMLMappingEntry]? {
        guard let entries else { return nil }
        var result: [YAMLMappingEntry] = []
        result.reserveCapacity(entries.count)
        for entry in entries { result.append(entry) }
        return result
    }

    /// The mapping entries without an array, or `nil` when the node is not a mapping.
    package var entries: YAMLEntries? {
        let at = content
        let record = store.records[at]
        guard record.kind == .mapping else { return nil }
        return YAMLEntries(store: store, first: at + 1, end: Int(record.first), count: Int(record.second))
    }

    /// The value of a scalar key of this mapping, if present.
    package subscript(key: String) -> YAMLNode? {
        guard let entries else { return nil }
        for entry in entries where entry.key.scalarEquals(key) { return entry.value }
        return nil
    }

    /// A short word for what this node is, for messages: `a mapping`, `a list`, `a string`…
    package var kindDescription: String {
        guard let s = scalar else { return isMapping ? "a mapping" : "a list" }
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

/// A mapping's entries in file order, read from the document without an array.
package struct YAMLEntries: Sequence, Sendable {
    let store: YAMLNodeStore
    let first: Int
    let end: Int
    /// How many entries the mapping has.
    package let count: Int

    /// Whether the mapping has no entries.
    package var isEmpty: Bool { count == 0 }

    package func makeIterator() -> Iterator { Iterator(store: store, position: first, end: end) }

    /// Walks the entries, skipping those the reader dropped (duplicate and complex keys).
    package struct Iterator: IteratorProtocol {
        let store: YAMLNodeStore
        var position: Int
        let end: Int

        package mutating func next() -> YAMLMappingEntry? {
            while position < end {
                let key = position
                let value = store.next(key)
                guard value < end else { return nil }
                position = store.next(value)
                if store.records[key].dropped { continue }
                return YAMLMappingEntry(key: YAMLNode(store: store, index: key), value: YAMLNode(store: store, index: value))
            }
            return nil
        }
    }
}

/// A list's items in file order, read from the document without an array.
package struct YAMLItems: Sequence, Sendable {
    let store: YAMLNodeStore
    let first: Int
    let end: Int
    /// How many items the list has.
    package let count: Int

    package func makeIterator() -> Iterator { Iterator(store: store, position: first, end: end) }

    /// Walks the items.
    package struct Iterator: IteratorProtocol {
        let store: YAMLNodeStore
        var position: Int
        let end: Int

        package mutating func next() -> YAMLNode? {
            guard position < end else { return nil }
            let item = position
            position = store.next(item)
            return YAMLNode(store: store, index: item)
        }
    }
}
