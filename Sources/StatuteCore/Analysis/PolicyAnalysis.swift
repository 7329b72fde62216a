/// A warning the policy's author acknowledged, with the reason they gave.
package struct AcknowledgedWarning: Hashable, Sendable {
    /// The warning as it would have been reported.
    package let diagnostic: Diagnostic
    /// The reason written in `acknowledge:`.
    package let reason: String

    /// Creates an acknowledged warning from the diagnostic it silences and the author's reason.
    package init(diagnostic: Diagnostic, reason: String) {
        self.diagnostic = diagnostic
        self.reason = reason
    }
}

/// The result of analysing a compiled policy.
package struct PolicyAnalysis: Hashable, Sendable {
    /// Warnings to report (not acknowledged), sorted by position; includes
    /// `unused-acknowledgement`.
    package let warnings: [Diagnostic]
    /// Warnings the policy acknowledged: not reported, but stated by generated docs.
    package let acknowledged: [AcknowledgedWarning]
    /// Errors in the acknowledgements themselves (`unknown-warning-code`).
    package let errors: [Diagnostic]

    /// Creates an analysis result; `warnings` and `errors` are expected already sorted by position.
    package init(warnings: [Diagnostic], acknowledged: [AcknowledgedWarning], errors: [Diagnostic]) {
        self.warnings = warnings
        self.acknowledged = acknowledged
        self.errors = errors
    }

    /// Errors and warnings together, sorted by position: what `check` reports.
    package var diagnostics: [Diagnostic] { (errors + warnings).sortedForDisplay(limit: .max) }
}

/// One thing the analysis found, before acknowledgements are applied.
struct Finding {
    var diagnostic: Diagnostic
    /// The transitions (by index) the warning is about; an acknowledgement on any of
    /// them silences it. Empty for warnings about statuses and declarations, which only
    /// a top-level acknowledgement silences.
    var transitions: [Int]
}
