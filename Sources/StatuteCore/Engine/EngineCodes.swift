/// Codes of input and evaluation errors (bad records, settings or requests; cycles).
extension DiagnosticCode {
    public static let wrongType: DiagnosticCode = "wrong-type"
    public static let invalidValue: DiagnosticCode = "invalid-value"
    public static let unknownSetting: DiagnosticCode = "unknown-setting"
    public static let missingFact: DiagnosticCode = "missing-fact"
    public static let invalidInput: DiagnosticCode = "invalid-input"
    public static let unknownTransition: DiagnosticCode = "unknown-transition"
    public static let automaticCycle: DiagnosticCode = "automatic-cycle"
    public static let dateOutOfRange: DiagnosticCode = "date-out-of-range"
}
