import Statute

/// Why a call could not do its work: `{"error": {"code", "message"}}` (docs/service.md's errors).
struct CallError: Error, Sendable {
    /// A stable, kebab-case code: `invalid-json`, `unknown-fact`, `null-pointer`…
    var code: String
    /// One readable line.
    var message: String

    /// A NULL pointer where the call needs a value.
    static func null(_ parameter: String) -> CallError {
        CallError(code: "null-pointer", message: "`\(parameter)` is NULL")
    }

    /// A request the library could not read or decide (unknown fact, status, event, role;
    /// wrong type; a cycle…), worded as `statute run` words it.
    init(_ error: DecisionError) {
        self.init(code: error.code, message: error.message)
    }

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The answer object.
    var json: JSONValue {
        DecisionError(code: code, message: message).json
    }
}
