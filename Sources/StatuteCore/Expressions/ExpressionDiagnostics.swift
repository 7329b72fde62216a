// The diagnostic codes of the expression language. Stable: CI pipelines match on them.

extension DiagnosticCode {
    /// The expression text is not well formed (unexpected token, unterminated string…).
    public static let expressionSyntax: DiagnosticCode = "expression-syntax"
    /// The expression is longer than ``ExpressionLimits/maxLength``.
    public static let expressionTooLong: DiagnosticCode = "expression-too-long"
    /// The expression nests deeper than ``ExpressionLimits/maxDepth``.
    public static let expressionTooDeep: DiagnosticCode = "expression-too-deep"
    /// An integer literal does not fit a 64-bit signed integer.
    public static let integerOverflow: DiagnosticCode = "integer-overflow"
    /// A name that is not a fact, setting, derived name or `today`.
    public static let unknownName: DiagnosticCode = "unknown-name"
    /// A call to a function the language does not have.
    public static let unknownFunction: DiagnosticCode = "unknown-function"
    /// A function called with the wrong number of arguments.
    public static let wrongArgumentCount: DiagnosticCode = "wrong-argument-count"
    /// An operator, function or purpose got a type it does not accept.
    public static let typeMismatch: DiagnosticCode = "type-mismatch"
    /// A value that may be null where a non-optional value is required.
    public static let mayBeNull: DiagnosticCode = "value-may-be-null"
    /// `date('…')` with a literal that is not a real calendar date.
    public static let invalidDateLiteral: DiagnosticCode = "invalid-date-literal"
    /// A list literal outside the right-hand side of `in`.
    public static let misplacedList: DiagnosticCode = "misplaced-list"
    /// A derived name that is already a fact, setting, `today` or another derived name.
    public static let duplicateName: DiagnosticCode = "duplicate-name"
    /// Derived values that depend on each other in a cycle.
    public static let deriveCycle: DiagnosticCode = "derive-cycle"
}
