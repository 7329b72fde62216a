/// Codes of input and evaluation errors (bad records, settings or requests; cycles).
extension DiagnosticCode {
    /// A value has the wrong type for its declaration, or a YAML node has the wrong shape (a list where a
    /// mapping belongs).
    public static let wrongType: DiagnosticCode = "wrong-type"
    /// A value has the right type but breaks its declaration's constraints (`min`, `max`, `values`), or a
    /// key holds a value it cannot take.
    public static let invalidValue: DiagnosticCode = "invalid-value"
    /// A setting name is not declared in the policy.
    public static let unknownSetting: DiagnosticCode = "unknown-setting"
    /// A required fact (non-optional, no default) has no value in the record.
    public static let missingFact: DiagnosticCode = "missing-fact"
    /// An input is malformed: a record line that is not a JSON object, or a required setting with no value.
    public static let invalidInput: DiagnosticCode = "invalid-input"
    /// A manual request names a transition that does not exist or is not a manual transition to the requested status.
    public static let unknownTransition: DiagnosticCode = "unknown-transition"
    /// Automatic transitions form a cycle: at evaluation an error; in analysis a warning that they can.
    public static let automaticCycle: DiagnosticCode = "automatic-cycle"
    /// A required setting (declared without `?` and without a default) has no value.
    public static let missingSetting: DiagnosticCode = "missing-setting"
}
