internal import CLibYAML

/// What a libyaml event is.
enum YAMLEventKind: UInt8 {
    case streamStart, streamEnd, documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd
    case mappingStart, mappingEnd
}

/// One libyaml event, copied out of libyaml's memory: a trivial value, so that passing
/// one on retains and releases nothing. Its anchor (an alias's name) and tag, which
/// policies rarely have, are read from the parser: ``LibYAMLParser/anchor`` and
/// ``LibYAMLParser/tag``.
struct ParsedEvent {
    let kind: YAMLEventKind
    /// A scalar's style (`.plain` for other events).
    let style: YAMLScalarStyle
    /// Whether the event has an anchor (an alias always has its anchor's name).
    let hasAnchor: Bool
    /// Whether the event has a tag.
    let hasTag: Bool
    /// A scalar: where its value's bytes were appended to the caller's byte store.
    let value: Range<Int>
    let start: Mark
    let end: Mark
}

/// A scanner, parser or reader error reported by libyaml.
struct LibYAMLError: Error {
    /// What went wrong, e.g. `found character that cannot start any token`.
    let problem: String
    let problemMark: Mark
    /// What libyaml was doing, e.g. `while scanning a quoted scalar`.
    let context: String?
    let contextMark: Mark?
}

/// The only owner of a libyaml parser: the parser, and the input it reads, are freed
/// in `deinit`, and each event is deleted as soon as it has been copied.
///
/// Not `Sendable`: one reader uses it from start to finish on one thread.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>

    /// A parser over a copy of `bytes`, or `nil` when libyaml cannot allocate one.
    init?(bytes: [UInt8]) {
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            input.deallocate()
            return nil
        }
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The anchor of the last event that had one (``ParsedEvent/hasAnchor``): its anchor,
    /// or an alias's anchor name.
    private(set) var anchor: String?
    /// The tag of the last event that had one (``ParsedEvent/hasTag``).
    private(set) var tag: String?

    /// The next event, or `nil` when an error stops the stream (then ``error`` says
    /// which). A scalar's value is appended to `values` (no `String` is made for it).
    func next(appendingScalarsTo values: inout [UInt8]) -> ParsedEvent? {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        return convert(event, values: &values)
    }

    /// The error that stopped the stream, after ``next(appendingScalarsTo:)`` returned `nil`.
    var error: LibYAMLError { currentError() }

    private func currentError() -> LibYAMLError {
        let state = parser.pointee
        switch state.error {
        case YAML_MEMORY_ERROR:
            return LibYAMLError(problem: "out of memory", problemMark: Mark(state.mark),
                                context: nil, contextMark: nil)
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark; the parser's own mark is where
            // reading stopped. The reader validates encoding first, so this is rare.
            let problem = state.problem.map { String(cString: $0) } ?? "cannot read the input"
            return LibYAMLError(problem: problem, problemMark: Mark(state.mark),
                                context: nil, contextMark: nil)
        default:
            let problem = state.problem.map { String(cString: $0) } ?? "invalid YAML"
            let context = state.context.map { String(cString: $0) }
            return LibYAMLError(problem: problem, problemMark: Mark(state.problem_mark),
                                context: context,
                                contextMark: context == nil ? nil : Mark(state.context_mark))
        }
    }

    private func convert(_ event: yaml_event_t, values: inout [UInt8]) -> ParsedEvent {
        let start = Mark(event.start_mark), end = Mark(event.end_mark)
        var kind = YAMLEventKind.streamEnd
        var style = YAMLScalarStyle.plain
        var anchorPointer: UnsafeMutablePointer<yaml_char_t>?
        var tagPointer: UnsafeMutablePointer<yaml_char_t>?
        var range = 0..<0
        switch event.type {
        case YAML_STREAM_START_EVENT: kind = .streamStart
        case YAML_STREAM_END_EVENT: kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_ALIAS_EVENT:
            kind = .alias
            anchor = Self.string(event.data.alias.anchor) ?? ""
            return ParsedEvent(kind: kind, style: style, hasAnchor: true, hasTag: false, value: range, start: start, end: end)
        case YAML_SCALAR_EVENT:
            kind = .scalar
            let scalar = event.data.scalar
            let first = values.count
            if let bytes = scalar.value, scalar.length > 0 {
                values.append(contentsOf: UnsafeBufferPointer(start: bytes, count: scalar.length))
            }
            range = first..<values.count
            anchorPointer = scalar.anchor
            tagPointer = scalar.tag
            style = Self.style(scalar.style)
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart
            anchorPointer = event.data.sequence_start.anchor
            tagPointer = event.data.sequence_start.tag
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart
            anchorPointer = event.data.mapping_start.anchor
            tagPointer = event.data.mapping_start.tag
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        default: kind = .streamEnd  // YAML_NO_EVENT: libyaml has nothing more to say
        }
        if let anchorPointer { anchor = String(cString: anchorPointer) }
        if let tagPointer { tag = String(cString: tagPointer) }
        return ParsedEvent(kind: kind, style: style, hasAnchor: anchorPointer != nil, hasTag: tagPointer != nil,
                           value: range, start: start, end: end)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension Mark {
    fileprivate init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line), column: Int(mark.column))
    }
}
