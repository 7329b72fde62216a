import StatuteCore

/// Which JSON object a ``DecisionInput`` is read from; each allows its own keys.
public enum DecisionInputShape: Sendable {
    /// A `statute run` line: `id`, `status`, `facts`, and `event` or `set` + `as` (+ `transition`).
    case runLine
    /// A decision-service or C ABI evaluate request: `status`, `facts`, `event` or
    /// `set` + `as` (+ `transition`), `today`, `settings`, `explain`.
    case evaluate
    /// A manual-options request: `status`, `facts`, `as` (required), `today`, `settings`.
    case options

    var keys: [String] {
        switch self {
        case .runLine: Self.runLineKeys
        case .evaluate: Self.evaluateKeys
        case .options: Self.optionsKeys
        }
    }

    // Built once, not per record.
    private static let runLineKeys = ["id", "status", "facts", "event", "set", "as", "transition"]
    private static let evaluateKeys = ["status", "facts", "event", "set", "as", "transition", "today", "settings", "explain"]
    private static let optionsKeys = ["status", "facts", "as", "today", "settings"]
}

/// One decision request read from strict JSON (docs/cli.md, `statute run`; docs/service.md):
/// the record, what is asked, and the request's own options. Every name and value is
/// checked against the policy's declarations; statuses, events, roles and transitions
/// are checked by the engine when it evaluates.
public struct DecisionInput: Sendable {
    /// A run line's `id` as given (a string or an integer); `.null` when absent or for other shapes.
    public var id: JSONValue = .null
    /// The record: its status (`nil` for a new record) and its facts, converted to their declared types.
    public var record = Record()
    /// The event, the manual request, or plain evaluation.
    public var request: Request = .evaluate
    /// The `as` role of an options request (and of a manual request).
    public var role: String?
    /// The request's `today`, when given.
    public var today: CalendarDate?
    /// Setting overrides given with the request, converted and checked.
    public var settings: [String: Value] = [:]
    /// Whether the request asks for an explanation.
    public var explain = false

    /// Creates an empty input: a new record, plain evaluation.
    public init() {}

    /// Reads a request from the bytes of one JSON object.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 JSON text (strict RFC 8259; a duplicate key is an error).
    ///   - shape: which keys the object may have.
    ///   - policy: the policy whose facts and settings the values are read against.
    /// - Returns: the input, or the first problem with a code and a one-line message
    ///   (and the record's `id` when it could be read).
    public static func read(json bytes: [UInt8], shape: DecisionInputShape,
                            policy: CompiledPolicy) -> Result<DecisionInput, DecisionError> {
        let (parsed, prefix) = JSONReader.parseKeepingPrefix(bytes)
        switch parsed {
        case .failure(let syntax):
            let id = shape == .runLine ? prefix.first { $0.0 == "id" }.map { readableID($0.1) } ?? .null : .null
            return .failure(DecisionError(id: id, code: syntax.code, message: "column \(syntax.column): \(syntax.message)"))
        case .success(let root):
            return read(root, shape: shape, policy: policy)
        }
    }

    /// Reads a request from parsed JSON (see ``read(json:shape:policy:)``).
    public static func read(_ root: JSONValue, shape: DecisionInputShape,
                            policy: CompiledPolicy) -> Result<DecisionInput, DecisionError> {
        var reader = DecisionInputReader(shape: shape)
        do {
            return .success(try reader.read(root, policy: policy))
        } catch {
            return .failure(error)
        }
    }

    /// The id as echoed in an error line: a string or an integer as given, else `null`.
    static func readableID(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string, .int: value
        default: .null
        }
    }
}
