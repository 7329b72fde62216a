// TEMPORARY: replaced by the real implementation on merge of branch `expr`.
public indirect enum ExpressionSyntax: Hashable, Sendable { case placeholder(SourceSpan) }
public struct CompiledDerived: Sendable {
    public let name: String
    public let nameSpan: SourceSpan
    public let expression: CompiledExpression
}
public struct CompiledExpression: Sendable {
    public let type: ValueType
    public let source: EmbeddedText
    public let syntax: ExpressionSyntax
    public let reads: [NameReference]
    public func evaluate(in context: EvaluationContext) -> Value { .null }
    public func evaluate(in context: EvaluationContext, trace: inout ExpressionTrace) -> Value { .null }
}
public struct ExpressionEnvironment: Sendable {
    public let facts: [NameDeclaration]
    public let settings: [NameDeclaration]
    public let derived: [CompiledDerived]
    public static func make(facts: [NameDeclaration], settings: [NameDeclaration],
                            derived: [DerivedDefinition],
                            limits: ExpressionLimits = ExpressionLimits()) -> (ExpressionEnvironment, [Diagnostic]) {
        (ExpressionEnvironment(facts: facts, settings: settings, derived: []), [])
    }
    public func compile(_ source: EmbeddedText, for purpose: ExpressionPurpose) -> (CompiledExpression?, [Diagnostic]) {
        (nil, [])
    }
}
