import StatuteCore

/// Every diagnostic code Statute reports, with what it means: the rules of the SARIF
/// output, and the table of docs/diagnostics.md (a test keeps the three in step).
package enum DiagnosticCatalog {
    /// One code and what it means.
    package struct Entry: Hashable, Sendable {
        /// The code, such as `unknown-status`.
        package let code: DiagnosticCode
        /// The severity it is reported with when it is found by `statute check`.
        package let severity: Severity
        /// One sentence: what the code means.
        package let summary: String
    }

    /// Where the project's documentation lives; rules link to `diagnostics.md` below it.
    package static let documentationBase = "https://github.com/statute-policy/statute/blob/main/docs/"

    /// The project's home page (SARIF's `informationUri`).
    package static let homepage = "https://github.com/statute-policy/statute"

    /// The address of the code's description in docs/diagnostics.md (one anchor per code).
    package static func helpURI(for code: DiagnosticCode) -> String {
        documentationBase + "diagnostics.md#" + code.rawValue
    }

    /// The entry of `code`, or `nil` for a code the catalog does not know.
    package static func entry(for code: DiagnosticCode) -> Entry? {
        byCode[code]
    }

    private static let byCode: [DiagnosticCode: Entry] = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })

    private static func error(_ code: DiagnosticCode, _ summary: String) -> Entry {
        Entry(code: code, severity: .error, summary: summary)
    }

    private static func warning(_ code: DiagnosticCode, _ summary: String) -> Entry {
        Entry(code: code, severity: .warning, summary: summary)
    }

    /// Every code, sorted by its text.
    package static let entries: [Entry] = [
        warning("automatic-cycle", "Automatic transitions can enter a status twice in one evaluation (an error when an evaluation does it)."),
        error("complex-key", "A mapping key is itself a mapping or a list."),
        error("conflicting-fact", "A fact path runs inside another fact that holds a value (`program` and `program.expires_after_months`)."),
        error("conflicting-triggers", "An automatic transition has more than one of `on`, `when` and `at`, or a test has both `event` and `set`."),
        warning("dead-end-status", "A status not marked `final` has no outgoing transition."),
        error("derive-cycle", "Derived values depend on each other in a cycle."),
        error("duplicate-assignment", "One transition's `set` assigns the same fact twice."),
        error("duplicate-declaration", "The same name is declared twice in one section, or a derived value has a fact's name."),
        error("duplicate-key", "A mapping (or a JSON object) has the same key twice."),
        error("duplicate-name", "A derived name is already a fact, a setting, `today` or another derived name."),
        error("duplicate-transition", "Two transitions share an id."),
        error("duplicate-value", "A value is given twice (nested and dotted, or twice on the command line)."),
        error("empty-document", "The file holds no document: it is empty or has only comments."),
        error("empty-from", "A transition's `from` resolves to no status (for example `*` with every status final)."),
        error("expression-syntax", "An expression is not well formed (an unexpected token, an unterminated string…)."),
        error("expression-too-deep", "An expression nests deeper than the limit (64)."),
        error("expression-too-long", "An expression is longer than the limit (4,096 characters)."),
        error("file-too-large", "A file is larger than the limit (4 MiB by default); it is not read."),
        error("final-status-has-transitions", "A transition leaves a status declared `final`."),
        error("integer-overflow", "An integer literal does not fit a 64-bit signed integer."),
        error("invalid-assignment", "A `--fact` or `--setting` argument is not written `NAME=VALUE`."),
        error("invalid-character", "The file contains a NUL byte, a control character or another character YAML forbids."),
        error("invalid-constraint", "A `min`, `max` or `values` constraint does not apply to the declared type, or `min` exceeds `max`."),
        error("invalid-date", "A date is not a valid `YYYY-MM-DD` calendar date."),
        error("invalid-date-literal", "`date('…')` is given a literal that is not a real calendar date."),
        error("invalid-default", "A setting's or fact's `default` does not fit its declared type or constraints."),
        error("invalid-identifier", "A name breaks the identifier rules (`[a-z][a-z0-9_]*`; transition ids may also use `-`)."),
        error("invalid-input", "An input is malformed: a record line that is not a JSON object, or a required setting with no value."),
        error("invalid-json", "A JSON input is not well-formed JSON (RFC 8259)."),
        error("invalid-number", "A JSON number is not an integer Statute can read."),
        error("invalid-policy", "A test file names a policy that has errors, so its tests do not run."),
        error("invalid-utf8", "The file is not valid UTF-8; it is not read further."),
        error("invalid-value", "A value has the right type but breaks its declaration's constraints, or a key holds a value it cannot take."),
        error("line-too-long", "A JSON Lines input line is longer than the limit."),
        warning("manual-overlap", "Two manual transitions lead from the same status to the same status for a common role, so a request that names no transition takes the first."),
        error("misplaced-list", "A list literal stands elsewhere than on the right of `in`."),
        error("missing-fact", "A required fact (not optional, no default) has no value in the record."),
        error("missing-key", "A required key is missing from a mapping (or a test's `set` has no `as`)."),
        error("missing-roles", "A manual transition does not say, with `by`, who may request it."),
        error("missing-setting", "A required setting (declared without `?` and without a default) has no value."),
        error("missing-trigger", "An automatic transition has none of `on`, `when` or `at`."),
        error("multiple-documents", "The file holds more than one YAML document."),
        error("nested-declaration", "A fact is declared as a nested mapping instead of by its dotted name."),
        warning("never-fires", "An automatic transition can never fire."),
        error("no-statuses", "The policy declares no statuses."),
        error("not-a-policy", "A YAML file is neither a policy (top-level `statute:`) nor a test file (top-level `tests:`)."),
        error("null-pointer", "A C ABI function was given a null pointer where it needs a value."),
        warning("order-decides", "Two automatic transitions can both fire from a status on the same trigger, so their order decides."),
        error("policy-outside-folder", "A test file's `policy:` names a file outside the test file's folder tree."),
        error("reserved-name", "A reserved name (`today`, `settings`, `start`, `true`, `false`, `null`) is declared, or `start` is a status id."),
        error("role-cycle", "Roles include each other in a cycle."),
        error("roles-on-automatic", "An automatic transition has `by`; only manual transitions name roles."),
        warning("setting-disables-transition", "A transition's condition is false while the settings keep their defaults."),
        error("test-failed", "A test's expectations did not match what the engine did."),
        error("too-deep", "Collections nest deeper than the limit (64)."),
        error("too-many-diagnostics", "More problems were found in one file than are reported; the rest are summarised."),
        error("too-many-nodes", "The aliases of a document stand for more nodes than the limit (10,000)."),
        error("trigger-on-manual", "A manual transition has an `on`, `when` or `at` trigger."),
        error("type-mismatch", "An operator, a function or a key got a type it does not accept."),
        error("undefined-alias", "An alias names an anchor that is not defined before it."),
        error("unknown-effect", "A transition's `effects` names an undeclared effect."),
        error("unknown-event", "A transition's `on`, a reported event or a test's `event` names an undeclared event."),
        error("unknown-fact", "A transition's `set`, a record's facts or a test's facts name an undeclared fact."),
        error("unknown-function", "A call names a function the language does not have."),
        error("unknown-key", "A mapping has a key the format does not define."),
        error("unknown-name", "A name in an expression is not a fact, a setting, a derived name or `today`."),
        error("unknown-role", "A role in `includes`, a transition's `by`, or a request's or test's `as` is not declared."),
        error("unknown-setting", "A setting name is not declared in the policy."),
        error("unknown-status", "A transition's `from` or `to`, a record, a request or a test names an undeclared status."),
        error("unknown-transition", "A manual request names a transition that does not exist or is not a manual transition to the status asked for."),
        error("unknown-type", "A setting or fact is declared with a type that is not `bool`, `int`, `string` or `date`."),
        error("unknown-warning-code", "An acknowledgement names a code that is not a warning that can be acknowledged."),
        warning("unreachable-status", "No path of transitions reaches the status from `start`."),
        error("unreadable-file", "A file does not exist, is a folder, or cannot be read."),
        error("unsupported-version", "The policy's `statute:` version is not one this Statute reads (only `1`)."),
        warning("unused-acknowledgement", "An acknowledgement silences no warning."),
        warning("unused-declaration", "A setting, fact, derived value, event, effect or role is never used."),
        error("value-may-be-null", "A value that may be null stands where a non-optional value is required."),
        error("wrong-argument-count", "A function is called with the wrong number of arguments."),
        error("wrong-type", "A value has the wrong type for its declaration, or a YAML node has the wrong shape."),
        error("yaml-syntax", "libyaml could not scan or parse the file."),
        error("yaml-tag", "A node has an explicit tag such as `!!python/object` or `!foo`."),
    ]
}
