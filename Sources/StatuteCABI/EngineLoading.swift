import Statute

/// Loading a policy and its settings for the C ABI: an ``EngineBox``, or the diagnostics
/// in the `statute check --format json` shape.
enum EngineLoading {
    /// Builds the engine of a loaded policy with `settingsJSON` (a JSON object of
    /// setting values, or `nil` for the defaults).
    ///
    /// - Returns: the box, or the diagnostics object: the policy's when it has errors,
    ///   else the settings' problems.
    static func engine(_ loaded: LoadedPolicy, settingsJSON: [UInt8]?) -> Result<EngineBox, LoadFailure> {
        guard let policy = loaded.policy else {
            var diagnostics = loaded.diagnostics
            if !diagnostics.hasErrors {
                // Defensive: a policy that did not compile always has an error to show.
                diagnostics.append(.error(.invalidInput, "the policy `\(loaded.file)` could not be loaded", at: nil))
            }
            return .failure(LoadFailure(diagnostics: diagnostics))
        }
        var settings: [String: Value] = [:]
        if let settingsJSON {
            switch JSONInput.settings(settingsJSON, policy: policy) {
            case .success(let values): settings = values
            case .failure(let diagnostic): return .failure(LoadFailure(diagnostics: [diagnostic]))
            }
        }
        do {
            return .success(EngineBox(maker: try DecisionMaker(policy: policy, settings: settings)))
        } catch {
            return .failure(LoadFailure(diagnostics: [error]))
        }
    }
}

/// Why a load failed: the diagnostics, errors first as `statute check` sorts them.
struct LoadFailure: Error, Sendable {
    var diagnostics: [Diagnostic]

    /// The `statute check --format json` object.
    var json: JSONValue { DiagnosticRenderer.json(diagnostics) }
}
