import StatuteCore

/// Why a decision could not be made: its request could not be read (a syntax error, an
/// unknown key or fact, a wrong type…) or the engine refused it (an unknown status,
/// event or role, an automatic cycle…). Every front end answers with it in the same
/// words: ``json`` for one request, ``line(_:)`` for a line of `statute run`.
public struct DecisionError: Error, Sendable, Hashable {
    /// The record's `id` when it could be read, else `.null`.
    public var id: JSONValue
    /// A stable code: `invalid-json`, `invalid-number`, `duplicate-key`, `invalid-input`,
    /// `unknown-key`, `wrong-type`, `unknown-fact`, `unknown-setting`, `invalid-value`,
    /// `invalid-date`, `duplicate-value`, `unknown-status`, `unknown-event`, `missing-role`…
    public var code: String
    /// One readable line, with a `(help)` suggestion at its end where there is one.
    public var message: String
    /// The diagnostic the error was made from, when it was (for a front end that shows
    /// diagnostics as such, like `statute eval`). Not compared: errors are equal by
    /// ``id``, ``code`` and ``message``.
    public var diagnostic: Diagnostic?

    /// Creates an error.
    public init(id: JSONValue = .null, code: String, message: String) {
        self.id = id
        self.code = code
        self.message = message
    }

    /// An error from a diagnostic: its code, its message and its help in parentheses.
    public init(id: JSONValue = .null, _ diagnostic: Diagnostic) {
        var message = diagnostic.message
        if let span = diagnostic.span { message = "column \(span.start.column): " + message }
        if let help = diagnostic.help { message += " (\(help))" }
        self.init(id: id, code: diagnostic.code.rawValue, message: message)
        self.diagnostic = diagnostic
    }

    /// Whether two errors have the same id, code and message.
    public static func == (a: DecisionError, b: DecisionError) -> Bool {
        a.id == b.id && a.code == b.code && a.message == b.message
    }

    /// Hashes the id, code and message, as ``==(_:_:)`` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(code)
        hasher.combine(message)
    }

    /// `{"code", "message"}`.
    public var body: JSONValue {
        DecisionError.body(code: code, message: message)
    }

    /// The answer to one request: `{"error": {"code", "message"}}`.
    public var json: JSONValue {
        .object([("error", body)])
    }

    /// The error line of line `number` of a JSON Lines input, as `statute run` writes it:
    /// `{"id", "line", "error": {"code", "message"}}`.
    public func line(_ number: Int) -> JSONValue {
        .object([("id", id), ("line", .int(number)), ("error", body)])
    }

    /// `{"code", "message"}` of any error answer (the service's own errors too).
    public static func body(code: String, message: String) -> JSONValue {
        .object([("code", .string(code)), ("message", .string(message))])
    }
}
