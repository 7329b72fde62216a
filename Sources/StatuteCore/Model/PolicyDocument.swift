/// A policy as written in its file: every declaration with its source span, expressions
/// still as text. Produced by a loader (the YAML one, or code); checked and compiled by
/// ``PolicyCompiler`` into a ``CompiledPolicy``.
public struct PolicyDocument: Hashable, Sendable {
    /// The file the policy was read from, as the user named it.
    public var file: String
    /// `statute:` — the format version.
    public var version: Located<Int>?
    public var name: Located<String>?
    public var title: String?
    public var description: String?
    public var roles: [RoleDeclaration]
    public var settings: [ValueDeclaration]
    public var facts: [ValueDeclaration]
    public var derived: [DerivedDeclaration]
    /// In display order.
    public var statuses: [StatusDeclaration]
    public var events: [NamedDeclaration]
    public var effects: [NamedDeclaration]
    /// In priority order.
    public var transitions: [TransitionDeclaration]
    /// Warnings acknowledged for the whole policy (`acknowledge:` at the top level).
    public var acknowledged: [Acknowledgement]
    /// The span of the whole document.
    public var span: SourceSpan

    public init(file: String, version: Located<Int>? = nil, name: Located<String>? = nil,
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
