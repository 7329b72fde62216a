internal import CLibYAML

/// One libyaml event, copied out of libyaml's memory.
enum YAMLEvent {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case alias(anchor: String)
    /// A scalar; its value's bytes were appended to the caller's byte store at `value`.
    case scalar(value: Range<Int>, anchor: String?, tag: String?, style: YAMLScalarStyle)
    case sequenceStart(anchor: String?, tag: String?)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?)
    case mappingEnd
}

/// An event and where it starts and ends.
struct ParsedEvent {
    let event: YAMLEvent
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

    /// The next event, or the error that stops the stream. A scalar's value is appended
    /// to `values` (no `String` is made for it).
    func next(appendingScalarsTo values: inout [UInt8]) -> Result<ParsedEvent, LibYAMLError> {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { return .failure(currentError()) }
        defer { yaml_event_delete(&event) }
        return .success(ParsedEvent(event: Self.convert(event, values: &values),
                                    start: Mark(event.start_mark),
                                    end: Mark(event.end_mark)))
    }

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

    private static func convert(_ event: yaml_event_t, values: inout [UInt8]) -> YAMLEvent {
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let start = values.count
            if let bytes = scalar.value, scalar.length > 0 {
                values.append(contentsOf: UnsafeBufferPointer(start: bytes, count: scalar.length))
            }
            return .scalar(value: start..<values.count, anchor: string(scalar.anchor), tag: string(scalar.tag),
                           style: style(scalar.style))
        case YAML_SEQUENCE_START_EVENT:
            let sequence = event.data.sequence_start
            return .sequenceStart(anchor: string(sequence.anchor), tag: string(sequence.tag))
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let mapping = event.data.mapping_start
            return .mappingStart(anchor: string(mapping.anchor), tag: string(mapping.tag))
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: return .streamEnd  // YAML_NO_EVENT: libyaml has nothing more to say
        }
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
