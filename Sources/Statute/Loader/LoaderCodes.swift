import StatuteCore

/// Codes of the diagnostics reported while lowering YAML into a policy or test file.
extension DiagnosticCode {
    public static let unknownKey: DiagnosticCode = "unknown-key"
    public static let missingKey: DiagnosticCode = "missing-key"
    public static let unknownType: DiagnosticCode = "unknown-type"
    public static let invalidDate: DiagnosticCode = "invalid-date"
    public static let unreadableFile: DiagnosticCode = "unreadable-file"
    public static let notAPolicy: DiagnosticCode = "not-a-policy"
}
