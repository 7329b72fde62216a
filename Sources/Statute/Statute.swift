@_exported import StatuteCore

/// The Statute library: load, check and compile policies; evaluate records; run policy
/// tests; render diagnostics, results, docs, graphs and schemas.
///
/// Import `Statute` to embed the interpreter; everything in `StatuteCore` (the model,
/// expressions and the engine) is re-exported.
public enum StatuteLibrary {
    /// The policy language version this build reads (`statute: 1`).
    public static let languageVersion = 1
}
