// The public contract of the expression language (SPEC §2). The implementation
// (lexer, parser, checker, compiled form, evaluator) lives beside this file.

/// Limits on expressions (SPEC §6).
public struct ExpressionLimits: Hashable, Sendable {
    /// Maximum length of an expression, in Unicode scalars.
    public var maxLength: Int
    /// Maximum nesting depth of an expression (parentheses, operators, calls).
    public var maxDepth: Int

    public init(maxLength: Int = 4096, maxDepth: Int = 64) {
        self.maxLength = maxLength
        self.maxDepth = maxDepth
    }
}

/// A name an expression may read: a fact (dotted path) or a setting, with its type.
public struct NameDeclaration: Hashable, Sendable {
    public let name: String
    public let type: ValueType

    public init(name: String, type: ValueType) {
        self.name = name
        self.type = type
    }
}

/// A `derive:` entry: a named expression over facts, settings, `today` and other derived names.
public struct DerivedDefinition: Hashable, Sendable {
    public let name: String
    /// Where the name is declared (used for cycle and unused-name diagnostics).
    public let nameSpan: SourceSpan
    public let source: EmbeddedText

    public init(name: String, nameSpan: SourceSpan, source: EmbeddedText) {
        self.name = name
        self.nameSpan = nameSpan
        self.source = source
    }
}

/// What an expression is used for, which decides the type it must have.
public enum ExpressionPurpose: Hashable, Sendable {
    /// `guard` and `when`: `bool` or `bool?`.
    case condition
    /// `at`: `date` or `date?`.
    case date
    /// A `set` value: must fit the fact's declared type.
    case value(ValueType)
    /// No constraint (e.g. `derive`).
    case any
}

/// The kind of a name an expression reads.
public enum NameKind: String, Hashable, Sendable {
    case fact, setting, derived, today
}

/// A name read by an expression, resolved at compile time.
public struct NameReference: Hashable, Sendable {
    public let kind: NameKind
    /// As written in expressions: `program.require_approval`, `settings.expiring_notice_days`,
    /// a derived name, or `today`.
    public let name: String
    /// Index into ``EvaluationContext/facts`` or ``EvaluationContext/settings``
    /// (for derived names, into the environment's derived list; 0 for `today`).
    public let slot: Int

    public init(kind: NameKind, name: String, slot: Int) {
        self.kind = kind
        self.name = name
        self.slot = slot
    }
}

/// The inputs an expression is evaluated against. Facts and settings are indexed by
/// the order of the declarations the ``ExpressionEnvironment`` was built from.
public struct EvaluationContext: Sendable {
    public var facts: [Value]
    public var settings: [Value]
    public var today: CalendarDate

    public init(facts: [Value], settings: [Value], today: CalendarDate) {
        self.facts = facts
        self.settings = settings
        self.today = today
    }
}

/// What an evaluation read, recorded only when asked for (explanations).
public struct ExpressionTrace: Hashable, Sendable {
    /// Each name read (facts, settings, derived names, `today`), with its value, once,
    /// in the order first read.
    public var values: [NamedValue] = []
    /// The names whose `null` made the result `null` (empty when the result is not null,
    /// or when the null came from a literal or a division by zero).
    public var nullNames: [String] = []

    public init() {}
}

/// A name and its value, as reported in explanations.
public struct NamedValue: Hashable, Sendable {
    public let name: String
    public let value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}
