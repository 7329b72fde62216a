/// Codes of the diagnostics the policy checker reports. Stable: CI pipelines match on them.
extension DiagnosticCode {
    /// The policy's `statute:` format version is not one this library reads (only `1`).
    public static let unsupportedVersion: DiagnosticCode = "unsupported-version"
    /// A policy, status, event, effect, role, setting, fact or derived name breaks the identifier rules
    /// (``Identifier``).
    public static let invalidIdentifier: DiagnosticCode = "invalid-identifier"
    /// The same name is declared twice in one section, or a derived value has a fact's name.
    public static let duplicateDeclaration: DiagnosticCode = "duplicate-declaration"
    /// A name the language reserves (`today`, `settings`, `start`, `true`, `false`, `null`) is declared, or
    /// `start` is used as a status id.
    public static let reservedName: DiagnosticCode = "reserved-name"
    /// A fact path runs inside another fact that holds a value (`program` and `program.expires_after_months`).
    public static let conflictingFact: DiagnosticCode = "conflicting-fact"
    /// A role in `includes`, a manual transition's `by`, or a request's or test's `as` is not declared under `roles:`.
    public static let unknownRole: DiagnosticCode = "unknown-role"
    /// Roles include each other in a cycle.
    public static let roleCycle: DiagnosticCode = "role-cycle"
    /// A setting's or fact's `default` does not fit its declared type or constraints.
    public static let invalidDefault: DiagnosticCode = "invalid-default"
    /// A `min`/`max`/`values` constraint does not apply to the declared type, `min` exceeds `max`, or a
    /// setting or fact is declared `period`.
    public static let invalidConstraint: DiagnosticCode = "invalid-constraint"
    /// The policy declares no statuses.
    public static let noStatuses: DiagnosticCode = "no-statuses"
    /// A transition's `from` or `to`, a record's status, a manual request or a test names an undeclared status.
    public static let unknownStatus: DiagnosticCode = "unknown-status"
    /// A transition's `on`, a reported event or a test's `event` names an undeclared event.
    public static let unknownEvent: DiagnosticCode = "unknown-event"
    /// A transition's `effects` names an undeclared effect.
    public static let unknownEffect: DiagnosticCode = "unknown-effect"
    /// A transition's `set`, a record's facts or a test's facts name an undeclared fact.
    public static let unknownFact: DiagnosticCode = "unknown-fact"
    /// Two transitions share an id.
    public static let duplicateTransition: DiagnosticCode = "duplicate-transition"
    /// An automatic transition has none of `on`, `when` or `at`.
    public static let missingTrigger: DiagnosticCode = "missing-trigger"
    /// An automatic transition has more than one of `on`, `when` and `at`, or a test has both `event` and `set`.
    public static let conflictingTriggers: DiagnosticCode = "conflicting-triggers"
    /// A manual transition has an `on`, `when` or `at` trigger.
    public static let triggerOnManual: DiagnosticCode = "trigger-on-manual"
    /// An automatic transition has `by`; only manual transitions name roles.
    public static let rolesOnAutomatic: DiagnosticCode = "roles-on-automatic"
    /// A manual transition does not say, with `by`, who may request it.
    public static let missingRoles: DiagnosticCode = "missing-roles"
    /// A transition leaves a status declared `final`.
    public static let finalStatusHasTransitions: DiagnosticCode = "final-status-has-transitions"
    /// A transition's `from` resolves to no status (for example `*` with every status final).
    public static let emptyFrom: DiagnosticCode = "empty-from"
    /// One transition's `set` assigns the same fact twice.
    public static let duplicateAssignment: DiagnosticCode = "duplicate-assignment"
}

/// Identifier rules of docs/policy-language.md.
package enum Identifier {
    /// `[a-z][a-z0-9_]*`: settings, derived names, statuses, events, effects, roles, fact path parts.
    package static func isValid(_ name: String) -> Bool {
        matches(name, allowHyphen: false)
    }

    /// `[a-z][a-z0-9_-]*`: policy names and transition ids.
    package static func isValidID(_ name: String) -> Bool {
        matches(name, allowHyphen: true)
    }

    /// A dotted fact path, each part an identifier.
    package static func isValidFactPath(_ name: String) -> Bool {
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
