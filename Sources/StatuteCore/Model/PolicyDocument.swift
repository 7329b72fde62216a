/// A policy as written in its file: every declaration with its source span, expressions
/// still as text. Produced by a loader (the YAML one, or code); checked and compiled by
/// ``PolicyCompiler`` into a ``CompiledPolicy``.
package struct PolicyDocument: Hashable, Sendable {
    /// The file the policy was read from, as the user named it.
    package var file: String
    /// `statute:` — the format version.
    package var version: Located<Int>?
    /// `name:` — the policy name (`[a-z][a-z0-9_-]*`), or `nil` when missing.
    package var name: Located<String>?
    /// `title:` — a human title for generated docs, or `nil`.
    package var title: String?
    /// `description:` — prose for generated docs, or `nil`.
    package var description: String?
    /// `roles:` — the roles staff can hold, in file order.
    package var roles: [RoleDeclaration]
    /// `settings:` — the organisation's settings, in file order (their slots).
    package var settings: [ValueDeclaration]
    /// `facts:` — what the host tells the engine about a record, in file order (their slots).
    package var facts: [ValueDeclaration]
    /// `derive:` — named expressions computed from facts and settings.
    package var derived: [DerivedDeclaration]
    /// In display order.
    package var statuses: [StatusDeclaration]
    /// `events:` — what the host may report.
    package var events: [NamedDeclaration]
    /// `effects:` — what the engine may ask the host to do.
    package var effects: [NamedDeclaration]
    /// In priority order.
    package var transitions: [TransitionDeclaration]
    /// Warnings acknowledged for the whole policy (`acknowledge:` at the top level).
    package var acknowledged: [Acknowledgement]
    /// The span of the whole document.
    package var span: SourceSpan

    /// Creates a document; `span` defaults to line 1, column 1 of `file`.
    package init(file: String, version: Located<Int>? = nil, name: Located<String>? = nil,
                title: String? = nil, description: String? = nil, roles: [RoleDeclaration] = [],
                settings: [ValueDeclaration] = [], facts: [ValueDeclaration] = [],
                derived: [DerivedDeclaration] = [], statuses: [StatusDeclaration] = [],
                events: [NamedDeclaration] = [], effects: [NamedDeclaration] = [],
                transitions: [TransitionDeclaration] = [], acknowledged: [Acknowledgement] = [],
                span: SourceSpan? = nil) {
        self.file = file
        self.version = version
        self.name = name
        self.title = title
        self.description = description
        self.roles = roles
        self.settings = settings
        self.facts = facts
        self.derived = derived
        self.statuses = statuses
        self.events = events
        self.effects = effects
        self.transitions = transitions
        self.acknowledged = acknowledged
        self.span = span ?? SourceSpan(file: file, at: SourceLocation(line: 1, column: 1))
    }
}
