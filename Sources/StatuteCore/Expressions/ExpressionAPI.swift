// The public contract of the expression language (docs/policy-language.md). The implementation
// (lexer, parser, checker, compiled form, evaluator) lives beside this file.

/// Limits on expressions (docs/reliability.md).
package struct ExpressionLimits: Hashable, Sendable {
    /// Maximum length of an expression, in Unicode scalars.
    package var maxLength: Int
    /// Maximum nesting depth of an expression (parentheses, operators, calls).
    package var maxDepth: Int

    /// Creates limits; the defaults are docs/reliability.md's: 4,096 scalars and nesting 64.
    package init(maxLength: Int = 4096, maxDepth: Int = 64) {
        self.maxLength = maxLength
        self.maxDepth = maxDepth
    }
}

/// A name an expression may read: a fact (dotted path) or a setting, with its type.
package struct NameDeclaration: Hashable, Sendable {
    /// The declared name: a fact path (`program.require_approval`) or a setting name (without `settings.`).
    package let name: String
    /// The declared type; `T?` when the value may be `null`.
    package let type: ValueType

    /// Declares a fact or setting for an ``ExpressionEnvironment``.
    package init(name: String, type: ValueType) {
        self.name = name
        self.type = type
    }
}

/// A `derive:` entry: a named expression over facts, settings, `today` and other derived names.
package struct DerivedDefinition: Hashable, Sendable {
    /// The derived name, an identifier.
    package let name: String
    /// Where the name is declared (used for cycle and unused-name diagnostics).
    package let nameSpan: SourceSpan
    /// The expression text, with its position in the policy file.
    package let source: EmbeddedText

    /// Creates a derived definition.
    package init(name: String, nameSpan: SourceSpan, source: EmbeddedText) {
        self.name = name
        self.nameSpan = nameSpan
        self.source = source
    }
}

/// What an expression is used for, which decides the type it must have.
package enum ExpressionPurpose: Hashable, Sendable {
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
package enum NameKind: String, Hashable, Sendable {
    /// `fact`, `setting` (read as `settings.NAME`), `derived` (a `derive:` name) or `today`.
    case fact, setting, derived, today
}

/// A name read by an expression, resolved at compile time.
package struct NameReference: Hashable, Sendable {
    /// Whether the name is a fact, a setting, a derived name or `today`.
    package let kind: NameKind
    /// As written in expressions: `program.require_approval`, `settings.expiring_notice_days`,
    /// a derived name, or `today`.
    package let name: String
    /// Index into ``EvaluationContext/facts`` or ``EvaluationContext/settings``
    /// (for derived names, into the environment's derived list; 0 for `today`).
    package let slot: Int

    /// Creates a resolved name reference.
    package init(kind: NameKind, name: String, slot: Int) {
        self.kind = kind
        self.name = name
        self.slot = slot
    }
}

/// The inputs an expression is evaluated against. Facts and settings are indexed by
/// the order of the declarations the ``ExpressionEnvironment`` was built from.
package struct EvaluationContext: Sendable {
    /// Fact values by slot: in the order of the environment's fact declarations; `null` for absent optional facts.
    package var facts: [Value]
    /// Setting values by slot: in the order of the environment's setting declarations.
    package var settings: [Value]
    /// The date the evaluation happens on; what `today` reads.
    package var today: CalendarDate

    /// Creates a context from complete fact and setting vectors and the evaluation date.
    package init(facts: [Value], settings: [Value], today: CalendarDate) {
        self.facts = facts
        self.settings = settings
        self.today = today
    }
}

/// What an evaluation read, recorded only when asked for (explanations).
package struct ExpressionTrace: Hashable, Sendable {
    /// Each name read (facts, settings, derived names, `today`), with its value, once,
    /// in the order first read.
    package var values: [NamedValue] = []
    /// The names whose `null` made the result `null` (empty when the result is not null,
    /// or when the null came from a literal or a division by zero).
    package var nullNames: [String] = []

    /// An empty trace, ready to pass to ``CompiledExpression/evaluate(in:trace:)``.
    package init() {}
}

/// A name and its value, as reported in explanations.
public struct NamedValue: Hashable, Sendable {
    /// The name as written in expressions (`settings.expiring_notice_days`, `completed_on`, `today`).
    public let name: String
    /// Its value when the expression was evaluated.
    public let value: Value

    /// Pairs a name with its value.
    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}
