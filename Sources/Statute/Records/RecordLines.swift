import StatuteCore
import StatuteYAML

/// Evaluates JSON Lines records (`statute run`, SPEC §5.4): each line
/// `{"id", "status", "facts", "event"?}` is read and evaluated on its own, and becomes
/// one output line — the result (as `eval` reports it) after `id`, or
/// `{"id", "line", "error": {"code", "message"}}` when it cannot be read or evaluated.
///
/// A line's `id` may be a string or an integer and is echoed as given (`null` when the
/// line is unreadable or has none). `status` absent or null means a new record; `facts`
/// absent or null means no facts; `event` absent or null means a plain evaluation.
/// Unknown keys are errors.
public struct RecordLines: Sendable {
    /// What became of one line.
    public enum Kind: Hashable, Sendable {
        /// The record was evaluated, with this outcome.
        case evaluated(Outcome)
        /// The line could not be read or evaluated; its output line carries the error.
        case error
    }

    /// One output line.
    public struct Output: Sendable {
        /// Whether the line was evaluated (and with what outcome) or is an error.
        public let kind: Kind
        /// The output object: `id`, then the result or the error.
        public let json: JSONValue
        /// The line's number in the input.
        public let line: Int
    }

    /// The engine that evaluates every record: the policy and the settings.
    public let engine: Engine
    /// The date every record is evaluated on.
    public let today: CalendarDate
    /// Limits for reading each line (each line is its own document).
    public let limits: YAMLLimits
    /// The longest line read, in bytes; longer lines become `line-too-long` errors.
    public let maxLineBytes: Int

    /// Creates a reader; `maxLineBytes` defaults to 1 MiB.
    public init(engine: Engine, today: CalendarDate, limits: YAMLLimits = YAMLLimits(), maxLineBytes: Int = 1 << 20) {
        self.engine = engine
        self.today = today
        self.limits = limits
        self.maxLineBytes = maxLineBytes
    }

    /// A splitter for the input, with this reader's line limit.
    public func makeSplitter() -> LineSplitter {
        LineSplitter(maxLineBytes: maxLineBytes)
    }

    static let keys = ["id", "status", "facts", "event"]

    /// Whether a line has only spaces, tabs and carriage returns (such lines are skipped).
    public static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }

    /// Evaluates one line of the split input.
    public func evaluate(_ line: LineSplitter.Line) -> Output {
        switch line {
        case .text(let bytes, let number):
            return evaluate(bytes: bytes, line: number)
        case .tooLong(let number, let length):
            return failure(id: .null, line: number,
                           .error(.lineTooLong, "the line is \(length) bytes, more than the limit of \(maxLineBytes) bytes", at: nil))
        }
    }

    /// Reads and evaluates the line `bytes`, the `line`-th of the input.
    public func evaluate(bytes: [UInt8], line: Int) -> Output {
        let read = YAMLReader.read(bytes: JSONSurrogates.combiningPairs(bytes), file: "line \(line)", limits: limits)
        // The id, when it can be read at all, names the record even in an error line.
        let readableID = read.root.flatMap { $0["id"]?.scalar }.map { scalar -> JSONValue in
            scalar.isNull ? .null : scalar.intValue.map { .int($0) } ?? .string(scalar.value)
        } ?? .null
        if let first = read.diagnostics.first(where: \.isError) { return failure(id: readableID, line: line, first) }
        guard let root = read.root, let entries = root.mapping else {
            let found = read.root?.kindDescription ?? "nothing"
            return failure(id: .null, line: line,
                           .error(.invalidInput, "a record must be a JSON object, found \(found)", at: nil))
        }
        if let node = root["id"], node.scalar == nil {
            return failure(id: .null, line: line, .error(.wrongType, "`id` must be a string or an integer, found \(node.kindDescription)", at: nil))
        }
        let id = readableID
        let what = id == .null ? "the record on line \(line)" : "record \(id.rendered())"
        for entry in entries {
            let key = entry.key.scalar?.value ?? ""
            if !RecordLines.keys.contains(key) {
                return failure(id: id, line: line, .error(.unknownKey, "unknown key `\(key)` in \(what)", at: nil,
                                                          help: Suggestions.didYouMean(key, in: RecordLines.keys)
                                                            ?? "a record has `id`, `status`, `facts` and `event`"))
            }
        }
        var diagnostics: [Diagnostic] = []
        let status = optionalName(root["status"], key: "status", what: what, diagnostics: &diagnostics)
        let event = optionalName(root["event"], key: "event", what: what, diagnostics: &diagnostics)
        var facts: [String: Value] = [:]
        if let node = root["facts"] {
            let reading = InputValues.values(in: node, declarations: engine.policy.facts, kind: .fact,
                                             what: "`facts` of \(what)")
            diagnostics += reading.diagnostics
            facts = reading.values
        }
        if let first = diagnostics.first { return failure(id: id, line: line, first) }
        do {
            let result = try engine.evaluate(Record(status: status, facts: facts),
                                             request: event.map { .event($0) } ?? .evaluate, today: today)
            return Output(kind: .evaluated(result.outcome), json: .object([("id", id)] + ResultJSON.members(result)), line: line)
        } catch {
            return failure(id: id, line: line, error)
        }
    }

    private func optionalName(_ node: YAMLNode?, key: String, what: String, diagnostics: inout [Diagnostic]) -> String? {
        guard let node, let scalar = node.scalar, !scalar.isNull else {
            if let node, node.scalar == nil {
                diagnostics.append(.error(.wrongType, "`\(key)` of \(what) must be a string, found \(node.kindDescription)", at: nil))
            }
            return nil
        }
        return scalar.value
    }

    private func failure(id: JSONValue, line: Int, _ diagnostic: Diagnostic) -> Output {
        var message = diagnostic.message
        if let span = diagnostic.span { message = "column \(span.start.column): " + message }
        if let help = diagnostic.help { message += " (\(help))" }
        return Output(kind: .error, json: .object([
            ("id", id),
            ("line", .int(line)),
            ("error", .object([("code", .string(diagnostic.code.rawValue)), ("message", .string(message))])),
        ]), line: line)
    }
}

/// Counts of a `run`, for its summary line.
public struct RunSummary: Hashable, Sendable, CustomStringConvertible {
    /// Lines read (blank lines not counted).
    public var records = 0
    /// Records whose status changed.
    public var changed = 0
    /// Records evaluated with no change.
    public var unchanged = 0
    /// Records whose event took no transition.
    public var ignored = 0
    /// Records whose manual request was refused.
    public var rejected = 0
    /// Lines that could not be read or evaluated.
    public var errors = 0

    /// Creates an empty summary.
    public init() {}

    /// Counts one output line by its kind.
    public mutating func count(_ kind: RecordLines.Kind) {
        records += 1
        switch kind {
        case .evaluated(.changed): changed += 1
        case .evaluated(.unchanged): unchanged += 1
        case .evaluated(.ignored): ignored += 1
        case .evaluated(.rejected): rejected += 1
        case .error: errors += 1
        }
    }

    /// `N records: X changed, Y unchanged, Z ignored, E errors` (and `R rejected` when any were).
    public var description: String {
        let refused = rejected > 0 ? ", \(rejected) rejected" : ""
        return "\(records) record\(records == 1 ? "" : "s"): \(changed) changed, \(unchanged) unchanged, \(ignored) ignored\(refused), \(errors) error\(errors == 1 ? "" : "s")"
    }
}
