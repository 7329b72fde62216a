import StatuteCore

/// Codes of the diagnostics reported while lowering YAML into a policy or test file.
extension DiagnosticCode {
    /// A mapping in a policy, test file or record line has a key the format does not define.
    public static let unknownKey: DiagnosticCode = "unknown-key"
    /// A required key is missing from a mapping (or a test's `set` has no `as`).
    public static let missingKey: DiagnosticCode = "missing-key"
    /// A setting or fact is declared with a type that is not `bool`, `int`, `string` or `date`.
    public static let unknownType: DiagnosticCode = "unknown-type"
    /// A date is not a valid `YYYY-MM-DD` calendar date.
    public static let invalidDate: DiagnosticCode = "invalid-date"
    /// A file does not exist, is a folder, or cannot be read.
    public static let unreadableFile: DiagnosticCode = "unreadable-file"
    /// A YAML file is neither a policy (top-level `statute:`) nor a test file (top-level `tests:`).
    public static let notAPolicy: DiagnosticCode = "not-a-policy"
    /// A fact declared as a nested mapping (`program: {require_approval: bool}`) instead of by its dotted name.
    public static let nestedDeclaration: DiagnosticCode = "nested-declaration"
}
