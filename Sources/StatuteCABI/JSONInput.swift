import Statute

/// The one place the C ABI reads JSON text: requests through the library's
/// `DecisionInput` (the same reading, codes and messages as `statute run` and
/// `statute serve`), and load-time settings.
enum JSONInput {
    /// Reads an evaluate or options request body (SPEC §7) against the engine's policy.
    static func request(_ bytes: [UInt8], shape: DecisionInputShape, policy: CompiledPolicy) -> Result<DecisionInput, CallError> {
        DecisionInput.read(json: bytes, shape: shape, policy: policy)
            .mapError { CallError(code: $0.code, message: $0.message) }
    }

    /// Reads `settings_json`, a JSON object of setting values (nested or dotted keys),
    /// checked against the policy's declarations.
    static func settings(_ bytes: [UInt8], policy: CompiledPolicy) -> Result<[String: Value], Diagnostic> {
        let reading = InputValues.read(bytes: bytes, file: "settings_json", declarations: policy.settings, kind: .setting)
        if let first = reading.diagnostics.first(where: \.isError) { return .failure(first) }
        return .success(reading.values)
    }
}
