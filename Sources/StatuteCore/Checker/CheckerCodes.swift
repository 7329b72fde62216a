/// Codes of the diagnostics the policy checker reports. Stable: CI pipelines match on them.
extension DiagnosticCode {
    public static let unsupportedVersion: DiagnosticCode = "unsupported-version"
    public static let invalidIdentifier: DiagnosticCode = "invalid-identifier"
    public static let duplicateDeclaration: DiagnosticCode = "duplicate-declaration"
    public static let reservedName: DiagnosticCode = "reserved-name"
    public static let conflictingFact: DiagnosticCode = "conflicting-fact"
    public static let unknownRole: DiagnosticCode = "unknown-role"
    public static let roleCycle: DiagnosticCode = "role-cycle"
    public static let invalidDefault: DiagnosticCode = "invalid-default"
    public static let invalidConstraint: DiagnosticCode = "invalid-constraint"
    public static let noStatuses: DiagnosticCode = "no-statuses"
    public static let unknownStatus: DiagnosticCode = "unknown-status"
    public static let unknownEvent: DiagnosticCode = "unknown-event"
    public static let unknownEffect: DiagnosticCode = "unknown-effect"
    public static let unknownFact: DiagnosticCode = "unknown-fact"
    public static let duplicateTransition: DiagnosticCode = "duplicate-transition"
    public static let missingTrigger: DiagnosticCode = "missing-trigger"
    public static let conflictingTriggers: DiagnosticCode = "conflicting-triggers"
    public static let triggerOnManual: DiagnosticCode = "trigger-on-manual"
    public static let rolesOnAutomatic: DiagnosticCode = "roles-on-automatic"
    public static let missingRoles: DiagnosticCode = "missing-roles"
    public static let finalStatusHasTransitions: DiagnosticCode = "final-status-has-transitions"
    public static let emptyFrom: DiagnosticCode = "empty-from"
    public static let duplicateAssignment: DiagnosticCode = "duplicate-assignment"
}

/// Identifier rules of SPEC §1.
public enum Identifier {
    /// `[a-z][a-z0-9_]*`: settings, derived names, statuses, events, effects, roles, fact path parts.
    public static func isValid(_ name: String) -> Bool {
        matches(name, allowHyphen: false)
    }

    /// `[a-z][a-z0-9_-]*`: policy names and transition ids.
    public static func isValidID(_ name: String) -> Bool {
        matches(name, allowHyphen: true)
    }

    /// A dotted fact path, each part an identifier.
    public static func isValidFactPath(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { isValid(String($0)) }
    }

    private static func matches(_ name: String, allowHyphen: Bool) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return bytes.dropFirst().allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || (allowHyphen && byte == UInt8(ascii: "-"))
        }
    }
}
