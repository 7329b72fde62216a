import StatuteCore

/// A record line as `impact` reads it: the record and the request of its first day.
package struct ImpactLine: Sendable {
    /// The `id` as given (`null` when absent).
    package var id: JSONValue
    /// The record's status and facts.
    package var record: Record
    /// The event or manual request of the first day, or plain evaluation.
    package var request: Request
}

/// A line that cannot be read, as `run` reports it: `{"id", "line", "error": {"code", "message"}}`.
package struct ImpactLineError: Error, Sendable {
    /// The record's id when it could be read, else `null`.
    package var id: JSONValue
    /// The line number in the input.
    package var line: Int
    /// The diagnostic code, e.g. `unknown-fact`.
    package var code: String
    /// One readable line.
    package var message: String

    /// Creates an error for line `line`.
    package init(id: JSONValue, line: Int, code: String, message: String) {
        self.id = id
        self.line = line
        self.code = code
        self.message = message
    }

    /// Creates the error of line `line`.
    package init(_ error: DecisionError, line: Int) {
        self.init(id: error.id, line: line, code: error.code, message: error.message)
    }

    /// The error line as `run` writes it.
    package var json: JSONValue {
        DecisionError(id: id, code: code, message: message).line(line)
    }
}

/// Reads one JSON Lines record for `impact` — the adapter over the shared line reader
/// (``DecisionInput``, as `statute run` reads its lines), kept in this one file.
enum ImpactLineReader {
    static func read(_ bytes: [UInt8], line: Int, policy: CompiledPolicy) -> Result<ImpactLine, ImpactLineError> {
        switch DecisionInput.read(json: bytes, shape: .runLine, policy: policy) {
        case .success(let input):
            return .success(ImpactLine(id: input.id, record: input.record, request: input.request))
        case .failure(let error):
            return .failure(ImpactLineError(error, line: line))
        }
    }

    static func error(_ diagnostic: Diagnostic, id: JSONValue, line: Int) -> ImpactLineError {
        ImpactLineError(DecisionError(id: id, diagnostic), line: line)
    }
}
