import StatuteCore
import StatuteYAML

/// A record line as `impact` reads it: the record and the request of its first day.
public struct ImpactLine: Sendable {
    /// The `id` as given (`null` when absent).
    public var id: JSONValue
    /// The record's status and facts.
    public var record: Record
    /// The event or manual request of the first day, or plain evaluation.
    public var request: Request
}

/// A line that cannot be read, as `run` reports it: `{"id", "line", "error": {"code", "message"}}`.
public struct ImpactLineError: Error, Sendable {
    /// The record's id when it could be read, else `null`.
    public var id: JSONValue
    /// The line number in the input.
    public var line: Int
    /// The diagnostic code, e.g. `unknown-fact`.
    public var code: String
    /// One readable line.
    public var message: String

    /// The error line as `run` writes it.
    public var json: JSONValue {
        .object([("id", id), ("line", .int(line)),
                 ("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }
}

/// Reads one JSON Lines record for `impact` — the adapter over the shared line reader,
/// kept in this one file so that the way lines are read can change in one place.
enum ImpactLineReader {
    static let keys = ["id", "status", "facts", "event", "set", "as", "transition"]

    static func read(_ bytes: [UInt8], line: Int, policy: CompiledPolicy) -> Result<ImpactLine, ImpactLineError> {
        let read = YAMLReader.read(bytes: JSONSurrogates.combiningPairs(bytes), file: "line \(line)", limits: YAMLLimits())
        let id = read.root.flatMap { $0["id"]?.scalar }.map { scalar -> JSONValue in
            scalar.isNull ? .null : scalar.intValue.map { .int($0) } ?? .string(scalar.value)
        } ?? .null
        func failure(_ code: DiagnosticCode, _ message: String, id: JSONValue = .null) -> Result<ImpactLine, ImpactLineError> {
            .failure(ImpactLineError(id: id, line: line, code: code.rawValue, message: message))
        }
        if let first = read.diagnostics.first(where: \.isError) { return .failure(error(first, id: id, line: line)) }
        guard let root = read.root, let entries = root.mapping else {
            return failure(.invalidInput, "a record must be a JSON object, found \(read.root?.kindDescription ?? "nothing")")
        }
        if let node = root["id"], node.scalar == nil {
            return failure(.wrongType, "`id` must be a string or an integer, found \(node.kindDescription)")
        }
        let what = id == .null ? "the record on line \(line)" : "record \(id.rendered())"
        for entry in entries {
            let key = entry.key.scalar?.value ?? ""
            if !keys.contains(key) {
                let help = Suggestions.didYouMean(key, in: keys) ?? "a record has `id`, `status`, `facts`, and `event` or `set` + `as`"
                return failure(.unknownKey, "unknown key `\(key)` in \(what) (\(help))", id: id)
            }
        }
        var names: [String: String] = [:]
        for key in ["status", "event", "set", "as", "transition"] {
            guard let node = root[key] else { continue }
            guard let scalar = node.scalar else {
                return failure(.wrongType, "`\(key)` of \(what) must be a string, found \(node.kindDescription)", id: id)
            }
            if !scalar.isNull { names[key] = scalar.value }
        }
        var facts: [String: Value] = [:]
        if let node = root["facts"] {
            let reading = InputValues.values(in: node, declarations: policy.facts, kind: .fact, what: "`facts` of \(what)")
            if let first = reading.diagnostics.first { return .failure(error(first, id: id, line: line)) }
            facts = reading.values
        }
        let request: Request
        switch (names["event"], names["set"], names["as"]) {
        case (let event?, nil, nil) where names["transition"] == nil: request = .event(event)
        case (nil, let target?, let role?): request = .manual(status: target, role: role, transition: names["transition"])
        case (nil, nil, nil) where names["transition"] == nil: request = .evaluate
        default:
            return failure(.invalidInput, "\(what) must have either `event`, or `set` with `as` (and optionally `transition`)", id: id)
        }
        return .success(ImpactLine(id: id, record: Record(status: names["status"], facts: facts), request: request))
    }

    static func error(_ diagnostic: Diagnostic, id: JSONValue, line: Int) -> ImpactLineError {
        var message = diagnostic.message
        if let span = diagnostic.span { message = "column \(span.start.column): " + message }
        if let help = diagnostic.help { message += " (\(help))" }
        return ImpactLineError(id: id, line: line, code: diagnostic.code.rawValue, message: message)
    }
}
