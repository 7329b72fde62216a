import Statute

/// The one place the service reads request bodies: through the library's shared JSON
/// reader and `DecisionInput`, so the service gives the same codes and messages as `run`.
enum DecisionInputAdapter {
    /// A request body read and checked against a policy, and the body itself.
    struct Read: Sendable {
        /// The request: record, event or manual request, role, today, settings, explain.
        var input: DecisionInput
        /// The body as JSON, for the decision log's `input`.
        var body: JSONValue
    }

    /// Reads an evaluate or options body against `policy`.
    static func read(_ bytes: [UInt8], options: Bool, policy: CompiledPolicy) -> Result<Read, ServiceError> {
        let shape: DecisionInputShape = options ? .options : .evaluate
        // Parse once: the tree is both read and logged. A syntax error is re-read from
        // the bytes so that its code and message are exactly `run`'s.
        guard case .success(let root) = JSONReader.parse(bytes) else {
            if case .failure(let error) = DecisionInput.read(json: bytes, shape: shape, policy: policy) {
                return .failure(.badRequest(error))
            }
            return .failure(.badRequest(code: "invalid-json", message: "the body is not valid JSON"))
        }
        switch DecisionInput.read(root, shape: shape, policy: policy) {
        case .success(let input): return .success(Read(input: input, body: root))
        case .failure(let error): return .failure(.badRequest(error))
        }
    }

    /// A body or run line as JSON for the decision log; `null` when it is not JSON.
    static func json(_ bytes: [UInt8]) -> JSONValue {
        if case .success(let value) = JSONReader.parse(bytes) { return value }
        return .null
    }
}
