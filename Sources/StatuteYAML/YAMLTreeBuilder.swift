#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import StatuteCore

/// Builds the node tree of a file's one document from libyaml events.
///
/// The tree is built with an explicit stack of open collections, so nothing recurses
/// in proportion to the input's depth, and every limit is checked *before* the work it
/// guards: depth when a collection opens, the alias budget when an alias is met (each
/// anchor remembers how many nodes its subtree has, so an alias is counted without being
/// expanded). As docs/reliability.md reads, only the nodes that aliases stand for count against the
/// budget; nodes written out in the file count only against the file size.
///
/// Errors that leave the structure intact — tags, duplicate keys, complex keys — are
/// reported and reading goes on, keeping the first of duplicate keys and dropping
/// entries with complex keys. Errors that leave no trustworthy tree — syntax, limits,
/// a second document, an undefined alias — make ``build(with:)`` return `nil`; limits,
/// syntax errors and a second document also stop reading at once.
struct YAMLTreeBuilder {
    let source: SourceText
    let limits: YAMLLimits
    private(set) var diagnostics: [Diagnostic] = []

    /// A finished node: its record, and its size: `count` nodes (aliases expanded),
    /// `height` levels of collections (0 for a scalar).
    private struct Built {
        let index: Int
        let count: Int
        let height: Int
    }

    /// A collection whose end event has not come yet.
    private struct Frame {
        let isMapping: Bool
        /// The collection's record.
        let index: Int
        let anchor: String?
        /// Items, or entries kept.
        var children: Int32 = 0
        /// The key waiting for its value, and whether the entry will be kept.
        var pendingKey = -1
        var keepsEntry = true
        /// Where this mapping's kept keys start in ``keyStack``.
        let keyBase: Int
        /// Where each key was first written, to report duplicates; built only once the
        /// mapping has ``indexedKeys`` entries (smaller ones are searched in ``keyStack``).
        var firstKeys: [String: SourceLocation]?
        var count = 1
        var height = 1
    }

    private enum Step { case next, stop }

    private var records: [NodeRecord] = []
    private var values: [UInt8] = []
    /// Whether every scalar value so far is ASCII (then equal keys have equal bytes).
    private var valuesAreASCII = true
    private var stack: [Frame] = []
    /// The key records of the open mappings' kept entries, innermost mapping last.
    private var keyStack: [Int] = []
    private var anchors: [String: Built] = [:]
    /// The nodes the aliases read so far stand for, added up.
    private var aliasedNodes = 0
    private var documents = 0
    private var documentStart = Mark(line: 0, column: 0)
    private var undefinedAliases = 0
    private var root: Int?
    /// Set by an error after which the tree cannot be trusted.
    private var broken = false

    init(source: SourceText, limits: YAMLLimits) {
        self.source = source
        self.limits = limits
    }

    /// Reads every event and returns the document's root, or `nil` after a fatal error.
    mutating func build(with parser: LibYAMLParser) -> YAMLNode? {
        reading: while true {
            guard let parsed = parser.next(appendingScalarsTo: &values) else {
                diagnostics.append(syntaxDiagnostic(parser.error))
                broken = true
                break reading
            }
            if parsed.kind == .streamEnd { break reading }
            let anchor = parsed.hasAnchor ? parser.anchor : nil
            let tag = parsed.hasTag ? parser.tag : nil
            if handle(parsed, anchor: anchor, tag: tag) == .stop {
                broken = true
                break reading
            }
        }
        if documents == 0 && !broken {
            diagnostics.append(.error(.emptyDocument, "the file holds no YAML document",
                                      at: span(Mark(line: 0, column: 0)),
                                      help: "a policy is one YAML mapping; start with `statute: 1`"))
            broken = true
        }
        guard !broken, let root else { return nil }
        let store = YAMLNodeStore(file: source.file, source: source, records: records, values: values)
        return YAMLNode(store: store, index: root)
    }

    private mutating func append(_ kind: NodeRecord.Kind, style: YAMLScalarStyle = .plain, _ start: Mark, _ end: Mark,
                                 first: Int, second: Int) -> Int {
        records.append(NodeRecord(kind: kind, style: style, start: start.location, end: end.location,
                                  first: Int32(truncatingIfNeeded: first), second: Int32(truncatingIfNeeded: second)))
        return records.count - 1
    }

    /// Handles one event; `anchor` and `tag` are the event's (an alias's anchor is the name it refers to).
    private mutating func handle(_ parsed: ParsedEvent, anchor: String?, tag: String?) -> Step {
        switch parsed.kind {
        case .streamStart, .streamEnd, .documentEnd:
            return .next
        case .documentStart:
            documents += 1
            if documents > 1 {
                diagnostics.append(.error(.multipleDocuments, "the file holds more than one YAML document",
                                          at: span(parsed.start),
                                          help: "a policy file holds exactly one document; move this one to a file of its own"))
                return .stop
            }
            documentStart = parsed.start
            return .next
        case .scalar:
            if let tag { reportTag(tag, parsed) }
            let value = parsed.value
            let style = parsed.style
            if valuesAreASCII && !(source.isASCII && style != .doubleQuoted) {
                valuesAreASCII = !values[value].contains { $0 >= 0x80 }
            }
            let index = append(.scalar, style: style, parsed.start, parsed.end,
                               first: value.lowerBound, second: value.upperBound)
            finish(Built(index: index, count: 1, height: 0), anchor: anchor)
            return .next
        case .sequenceStart:
            return open(isMapping: false, anchor: anchor, tag: tag, parsed)
        case .mappingStart:
            return open(isMapping: true, anchor: anchor, tag: tag, parsed)
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return .next }
            if frame.isMapping { keyStack.removeSubrange(frame.keyBase...) }
            records[frame.index].end = parsed.end.location
            records[frame.index].first = Int32(truncatingIfNeeded: records.count)
            records[frame.index].second = frame.children
            finish(Built(index: frame.index, count: frame.count, height: frame.height), anchor: frame.anchor)
            return .next
        case .alias:
            return alias(anchor ?? "", parsed)
        }
    }

    private mutating func open(isMapping: Bool, anchor: String?, tag: String?, _ parsed: ParsedEvent) -> Step {
        if stack.count + 1 > limits.maxDepth {
            reportTooDeep(at: parsed)
            return .stop
        }
        if let tag { reportTag(tag, parsed) }
        let index = append(isMapping ? .mapping : .sequence, parsed.start, parsed.start, first: 0, second: 0)
        stack.append(Frame(isMapping: isMapping, index: index, anchor: anchor, keyBase: keyStack.count))
        return .next
    }

    /// Expands an alias into a copy of its anchor's node, after checking that the copy
    /// fits the node budget and the depth limit. The copy's root takes the alias's span
    /// (where the value is used); the nodes inside keep their original spans, and a
    /// scalar's `EmbeddedText` keeps pointing at the anchored characters.
    private mutating func alias(_ name: String, _ parsed: ParsedEvent) -> Step {
        guard let anchored = anchors[name] else {
            undefinedAliases += 1
            // Suggestions compare with every anchor: offered for the first few only, so that
            // a file of many bad aliases and many anchors stays linear.
            let suggestion = undefinedAliases <= 10 && anchors.count <= 1_000
                ? Suggestions.closest(to: name, in: anchors.keys) : nil
            let help = suggestion.map { "did you mean `*\($0)`?" } ?? "define `&\(name)` on a node before this alias"
            diagnostics.append(.error(.undefinedAlias, "alias `*\(name)` refers to an undefined anchor",
                                      at: span(parsed.start, parsed.end), help: help))
            broken = true
            // An empty plain scalar in its place (the tree is not returned after this).
            let index = append(.scalar, parsed.start, parsed.end, first: 0, second: 0)
            attach(Built(index: index, count: 1, height: 0))
            return .next
        }
        guard countAliasedNodes(anchored.count, at: parsed) == .next else { return .stop }
        if stack.count + anchored.height > limits.maxDepth {
            reportTooDeep(at: parsed)
            return .stop
        }
        let index = append(.alias, parsed.start, parsed.end, first: anchored.index, second: 0)
        attach(Built(index: index, count: anchored.count, height: anchored.height))
        return .next
    }

    private mutating func finish(_ built: Built, anchor: String?) {
        if let anchor { anchors[anchor] = built }
        attach(built)
    }

    /// Adds a finished node to the open collection, or makes it the document's root.
    /// The open collection is changed where it lies on the stack, so nothing is copied.
    private mutating func attach(_ built: Built) {
        guard !stack.isEmpty else {
            attachRoot(built.index)
            return
        }
        let top = stack.count - 1
        stack[top].count += built.count
        stack[top].height = max(stack[top].height, built.height + 1)
        guard stack[top].isMapping else {
            stack[top].children += 1
            return
        }
        let key = stack[top].pendingKey
        if key >= 0 {
            stack[top].pendingKey = -1
            if stack[top].keepsEntry {
                stack[top].children += 1
                keyStack.append(key)
            } else {
                records[key].dropped = true
            }
        } else {
            stack[top].keepsEntry = checkKey(built.index, inFrame: top)
            stack[top].pendingKey = built.index
        }
    }

    /// Mappings with at least this many entries find earlier keys through a dictionary.
    private static let indexedKeys = 16

    private mutating func attachRoot(_ index: Int) {
        let record = records[index]
        if record.kind == .scalar, record.style == .plain, record.first == record.second {
            diagnostics.append(.error(.emptyDocument, "the YAML document is empty", at: span(documentStart),
                                      help: "a policy is one YAML mapping; start with `statute: 1`"))
            broken = true
        }
        root = index
    }

    /// The node of record `index` in the document as built so far.
    private func node(_ index: Int) -> YAMLNode {
        YAMLNode(store: YAMLNodeStore(file: source.file, source: source, records: records, values: values), index: index)
    }

    /// The record holding a node's content (the anchored one, for an alias).
    private func content(_ index: Int) -> Int {
        let record = records[index]
        return record.kind == .alias ? Int(record.first) : index
    }

    /// The value of scalar record `index`.
    private func value(_ index: Int) -> String {
        let record = records[index]
        let range = Int(record.first)..<Int(record.second)
        return range.isEmpty ? "" : String(decoding: values[range], as: UTF8.self)
    }

    /// Whether the key at record `index` is a new scalar key of the mapping at `stack[top]`;
    /// reports it when it is not.
    private mutating func checkKey(_ index: Int, inFrame top: Int) -> Bool {
        let content = content(index)
        let keyRecord = records[index]
        guard records[content].kind == .scalar else {
            let key = node(index)
            diagnostics.append(.error(.complexKey, "expected a scalar key, found \(key.kindDescription)",
                                      at: key.span,
                                      help: "mapping keys must be plain strings"))
            return false
        }
        if let first = firstLocation(of: content, inFrame: top) {
            let value = value(content)
            let keySpan = SourceSpan(file: source.file, start: keyRecord.start, end: keyRecord.end)
            let firstSpan = SourceSpan(file: source.file, start: first,
                                       end: SourceLocation(line: first.line, column: first.column + value.unicodeScalars.count))
            diagnostics.append(Diagnostic.error(.duplicateKey, "duplicate key `\(value)`", at: keySpan,
                                                help: "the first `\(value)` is on line \(first.line); remove one of them")
                .noting("`\(value)` is first given here", at: firstSpan))
            return false
        }
        if stack[top].firstKeys != nil {
            stack[top].firstKeys![value(content)] = keyRecord.start
        } else if Int(stack[top].children) + 1 >= Self.indexedKeys {
            var byKey: [String: SourceLocation] = [:]
            for key in keyStack[stack[top].keyBase...] {
                byKey[value(self.content(key))] = records[key].start
            }
            byKey[value(content)] = keyRecord.start
            stack[top].firstKeys = byKey
        }
        return true
    }

    /// Where the key of scalar record `content` was first written in the mapping at
    /// `stack[top]`, if it was. Every kept entry's key is a scalar that was new when it came.
    private func firstLocation(of content: Int, inFrame top: Int) -> SourceLocation? {
        if let index = stack[top].firstKeys { return index[value(content)] }
        let base = stack[top].keyBase
        guard base < keyStack.count else { return nil }
        let allASCII = valuesAreASCII
        return records.withUnsafeBufferPointer { records in
            values.withUnsafeBufferPointer { values in
                keyStack.withUnsafeBufferPointer { keys in
                    let wanted = records[content]
                    let wantedStart = Int(wanted.first), wantedCount = Int(wanted.second - wanted.first)
                    for position in base..<keys.count {
                        let key = records[keys[position]]
                        let record = key.kind == .alias ? records[Int(key.first)] : key
                        let start = Int(record.first), count = Int(record.second - record.first)
                        if count == wantedCount
                            && (count == 0 || memcmp(values.baseAddress! + start, values.baseAddress! + wantedStart, count) == 0) {
                            return key.start
                        }
                        // Equal bytes are equal strings; only text that is not ASCII can be equal
                        // with other bytes, as strings compare by canonical equivalence.
                        if allASCII { continue }
                        let x = UnsafeBufferPointer(rebasing: values[start..<start + count])
                        let y = UnsafeBufferPointer(rebasing: values[wantedStart..<wantedStart + wantedCount])
                        if x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) { continue }
                        if String(decoding: x, as: UTF8.self) == String(decoding: y, as: UTF8.self) { return key.start }
                    }
                    return nil
                }
            }
        }
    }

    /// Adds the nodes an alias stands for to the document's alias budget.
    private mutating func countAliasedNodes(_ count: Int, at parsed: ParsedEvent) -> Step {
        aliasedNodes += count
        guard aliasedNodes > limits.maxNodes else { return .next }
        diagnostics.append(.error(.tooManyNodes,
                                  "the aliases in the document stand for more than \(limits.maxNodes) nodes",
                                  at: span(parsed.start, parsed.end),
                                  help: "a policy this large is likely an alias bomb; expand fewer aliases"))
        return .stop
    }

    private mutating func reportTooDeep(at parsed: ParsedEvent) {
        diagnostics.append(.error(.tooDeep,
                                  "collections nest deeper than \(limits.maxDepth) levels",
                                  at: span(parsed.start, parsed.end),
                                  help: "flatten the structure"))
    }

    private mutating func reportTag(_ tag: String, _ parsed: ParsedEvent) {
        let core = "tag:yaml.org,2002:"
        let written = tag.hasPrefix(core) ? "!!" + tag.dropFirst(core.count) : tag
        diagnostics.append(.error(.yamlTag, "tag `\(written)` is not allowed",
                                  at: SourceSpan(file: source.file, start: tagLocation(parsed),
                                                 end: parsed.end.location),
                                  help: "policies use plain YAML values only; remove the tag"))
    }

    /// Where the `!` of a node's tag is: the node's properties (anchor and tag) start at
    /// its start mark, in either order, on the same line.
    private func tagLocation(_ parsed: ParsedEvent) -> SourceLocation {
        let start = source.index(of: parsed.start)
        let end = source.index(of: parsed.end)
        var offset = 0
        while start + offset < end {
            switch source.scalars[start + offset] {
            case "!": return SourceLocation(line: parsed.start.line + 1, column: parsed.start.column + 1 + offset)
            case "\n", "\r": return parsed.start.location
            default: offset += 1
            }
        }
        return parsed.start.location
    }

    /// A libyaml error as a `yaml-syntax` diagnostic: the problem, then what libyaml was
    /// doing; where that began goes in `help`, with a word about tabs when one is at fault.
    private func syntaxDiagnostic(_ error: LibYAMLError) -> Diagnostic {
        let character = source.scalar(at: error.problemMark)
        let isTab = character == "\t" || error.problem.contains("tab")
        var message = Self.backtickingQuotedCharacters(error.problem)
        if message == "found character that cannot start any token", let character {
            message = character == "\t"
                ? "found a tab character that cannot start any token"
                : "found character `\(character)` that cannot start any token"
        }
        var helps: [String] = []
        if isTab { helps.append("tabs cannot indent YAML; use spaces") }
        if !isTab, Self.isIndentationProblem(error.problem) {
            helps.append("this is usually an indentation mistake: entries of one mapping or list must start in "
                + "the same column, a nested one further right than its parent, and `key: value` needs a space after the colon")
        }
        if let context = error.context, context != "while scanning for the next token" {
            message += " " + context
            if let mark = error.contextMark, mark != error.problemMark {
                var subject = Substring(context)
                for prefix in ["while scanning ", "while parsing "] where subject.hasPrefix(prefix) {
                    subject = subject.dropFirst(prefix.count)
                }
                helps.append("\(subject) starts at line \(mark.line + 1), column \(mark.column + 1)")
            }
        }
        while message.hasSuffix(".") { message.removeLast() }
        return .error(.yamlSyntax, message, at: span(error.problemMark),
                      help: helps.isEmpty ? nil : helps.joined(separator: "; "))
    }

    /// libyaml's words for a line that is indented more or less than its neighbours.
    static func isIndentationProblem(_ problem: String) -> Bool {
        ["did not find expected '-' indicator", "mapping values are not allowed in this context",
         "did not find expected key", "did not find expected <document start>",
         "did not find expected node content"].contains { problem.hasPrefix($0) }
    }

    /// libyaml quotes single characters as `','`; names go in backticks here.
    private static func backtickingQuotedCharacters(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 2 < scalars.count {
            if scalars[index] == "'" && scalars[index + 2] == "'" {
                scalars[index] = "`"
                scalars[index + 2] = "`"
                index += 3
            } else {
                index += 1
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    private func span(_ start: Mark, _ end: Mark? = nil) -> SourceSpan {
        SourceSpan(file: source.file, start: start.location, end: (end ?? start).location)
    }
}
