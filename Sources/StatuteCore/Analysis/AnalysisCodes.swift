/// Codes of the diagnostics the static analysis reports. Stable: CI pipelines match on
/// them, and policies name them in `acknowledge:`.
extension DiagnosticCode {
    /// A status no transition path reaches from `start`.
    public static let unreachableStatus: DiagnosticCode = "unreachable-status"
    /// A status not marked `final` with no outgoing transition.
    public static let deadEndStatus: DiagnosticCode = "dead-end-status"
    /// A setting, fact, derived value, event, effect or role nothing uses.
    public static let unusedDeclaration: DiagnosticCode = "unused-declaration"
    /// An automatic transition that can never fire.
    public static let neverFires: DiagnosticCode = "never-fires"
    /// A transition whose condition is false while the settings keep their defaults.
    public static let settingDisablesTransition: DiagnosticCode = "setting-disables-transition"
    // `automatic-cycle` (automatic `when`/`at` transitions that can form a cycle of
    // statuses) is the engine's code for the same fault met at run time; the analysis
    // reports it as a warning before any record meets it.
    /// Two automatic transitions that can both fire from a status on the same trigger.
    public static let orderDecides: DiagnosticCode = "order-decides"
    /// Two manual transitions between the same statuses that a role may both request.
    public static let manualOverlap: DiagnosticCode = "manual-overlap"
    /// An acknowledgement that silences no warning.
    public static let unusedAcknowledgement: DiagnosticCode = "unused-acknowledgement"
    /// An acknowledgement naming a code that is not an acknowledgeable warning (an error).
    public static let unknownWarningCode: DiagnosticCode = "unknown-warning-code"
}

extension PolicyAnalyzer {
    /// The warning codes a policy may acknowledge, in the order the analysis runs them.
    package static let acknowledgeableCodes: [DiagnosticCode] = [
        .unreachableStatus, .deadEndStatus, .unusedDeclaration, .neverFires,
        .settingDisablesTransition, .automaticCycle, .orderDecides, .manualOverlap,
    ]
}
