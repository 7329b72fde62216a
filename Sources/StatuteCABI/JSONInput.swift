import Statute

/// The one place the C ABI reads JSON text: through the library's strict reader and
/// `DecisionInput`, so requests get the same checks, codes and messages as `statute run`
/// and `statute serve`.
enum JSONInput {
    /// Reads an evaluate or options request body (docs/service.md) against the engine's policy.
    static func request(_ bytes: [UInt8], shape: DecisionInputShape, policy: CompiledPolicy) -> Result<DecisionInput, CallError> {
        DecisionInput.read(json: bytes, shape: shape, policy: policy)
            .mapError(CallError.init)
    }

    /// Reads `settings_json`: a JSON object of setting values (nested or dotted keys), or
    /// `null`, checked against the policy's declarations as a request's `settings` are.
    static func settings(_ bytes: [UInt8], policy: CompiledPolicy) -> Result<[String: Value], Diagnostic> {
        let root: JSONValue
        switch JSONReader.parse(bytes) {
        case .success(let parsed): root = parsed
        case .failure(let syntax):
            return .failure(.error(DiagnosticCode(rawValue: syntax.code),
                                   "`settings_json` is not valid JSON: line \(syntax.line), column \(syntax.column): \(syntax.message)",
                                   at: nil))
        }
        switch DecisionMaker.settings(root, policy: policy) {
        case .success(let settings): return .success(settings)
        case .failure(let error):
            return .failure(.error(DiagnosticCode(rawValue: error.code), "`settings_json`: \(error.message)", at: nil))
        }
    }
}
