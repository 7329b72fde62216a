import Statute

/// Reading the JSON object of an `import` or `apply` line, before the policy sees it.
enum LineReading {
    /// The line's object members, or an error answer (unreadable JSON, not an object,
    /// too long).
    static func object(_ line: LedgerLine) -> Result<[(String, JSONValue)], DecisionError> {
        guard let bytes = line.bytes else {
            return .failure(DecisionError(id: .null, code: "line-too-long",
                                               message: "the line is \(line.length) bytes, more than the limit"))
        }
        switch JSONReader.parse(bytes) {
        case .failure(let error):
            return .failure(DecisionError(id: .null, code: error.code, message: "column \(error.column): \(error.message)"))
        case .success(.object(let members)):
            return .success(members)
        case .success:
            return .failure(DecisionError(id: .null, code: "invalid-input", message: "a line must be a JSON object"))
        }
    }

    /// The line's `id`: a non-empty string.
    static func id(_ members: [(String, JSONValue)]) -> Result<String, DecisionError> {
        switch members.first(where: { $0.0 == "id" })?.1 {
        case .string(let id)? where !id.isEmpty:
            return .success(id)
        case nil, .null?:
            return .failure(DecisionError(id: .null, code: "invalid-input",
                                               message: "the line has no \"id\"; every stored record needs a string id"))
        case let other?:
            let shown: JSONValue = if case .int = other { other } else { .null }
            return .failure(DecisionError(id: shown, code: "wrong-type", message: "\"id\" must be a non-empty string"))
        }
    }
}
