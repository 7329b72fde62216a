import Statute

/// Why a call could not do its work: `{"error": {"code", "message"}}` (SPEC §7's errors).
struct CallError: Error, Sendable {
    /// A stable, kebab-case code: `invalid-json`, `unknown-fact`, `null-pointer`…
    var code: String
    /// One readable line.
    var message: String

    /// A NULL pointer where the call needs a value.
    static func null(_ parameter: String) -> CallError {
        CallError(code: "null-pointer", message: "`\(parameter)` is NULL")
    }

    /// An engine diagnostic (unknown status, event, role; wrong type; a cycle…), its help
    /// in parentheses, as `statute run` writes it.
    init(_ diagnostic: Diagnostic) {
        let error = DecisionInputError(id: .null, diagnostic)
        self.init(code: error.code, message: error.message)
    }

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The answer object.
    var json: JSONValue {
        .object([("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }
}
