/// A checked, compiled expression. Immutable and `Sendable`: safe to evaluate from many
/// threads at once.
///
/// Names are resolved to slots in ``EvaluationContext/facts`` and
/// ``EvaluationContext/settings``; the derived values the expression needs (directly or
/// through other derived values) are computed once each, without recursion, at the
/// start of each evaluation. Evaluation with and without a trace runs the same
/// evaluator (``ProgramEvaluator``), with a different observer.
package final class CompiledExpression: Sendable {
    /// The checked result type.
    package let type: ValueType
    /// The expression text as written, with its position in the policy file.
    package let source: EmbeddedText
    /// The parsed tree, for analysis and docs, with the spans of this expression's text:
    /// unpacked from ``shape`` (a tree built anew on every call, so callers keep it).
    package func unpackedSyntax() -> ExpressionSyntax { shape.syntax(in: source) }
    /// The parsed tree, packed: equal for equal trees, so it can key expressions that
    /// compete (analysis) without unpacking them. Shared with every expression of the same
    /// text compiled before it (see ``ExpressionCache``); its offsets fit any of them.
    package let shape: SyntaxShape
    /// Every name read, once, in order of first appearance in the source. Derived names
    /// are listed as derived, not expanded.
    package let reads: [NameReference]

    /// The flattened instructions.
    let program: CompiledProgram
    /// The environment's derived values, shared by every expression compiled in it.
    let table: DerivedTable
    /// Every derived index the expression needs, directly or through other derived
    /// values, each after the ones it reads.
    let derivedNeeded: [Int]

    init(type: ValueType, source: EmbeddedText, shape: SyntaxShape, reads: [NameReference],
         root: CompiledNode, table: DerivedTable, derivedRead: [Int]) {
        self.type = type
        self.source = source
        self.shape = shape
        self.reads = reads
        self.program = CompiledProgram(root)
        self.table = table
        self.derivedNeeded = table.closure(of: derivedRead)
    }

    /// The same text as `other` written elsewhere, at `source`: `other`'s type, reads,
    /// program and shape.
    init(sharing other: CompiledExpression, source: EmbeddedText) {
        self.type = other.type
        self.source = source
        self.shape = other.shape
        self.reads = other.reads
        self.program = other.program
        self.table = other.table
        self.derivedNeeded = other.derivedNeeded
    }

    /// The value of the expression. Null when a name it needs is null (see docs/policy-language.md), on
    /// integer overflow, on division by zero, and for dates outside years 1...9999.
    package func evaluate(in context: EvaluationContext) -> Value {
        var cache: [Value?] = []
        return evaluate(in: context, cache: &cache)
    }

    /// The value of the expression, reading derived values from `cache` and adding the
    /// ones it computes, so that the expressions of one evaluation (same facts, settings
    /// and `today`) compute each derived value once. The caller empties the cache when
    /// the context changes.
    func evaluate(in context: EvaluationContext, cache: inout [Value?]) -> Value {
        if !derivedNeeded.isEmpty { table.fill(derivedNeeded, in: context, cache: &cache) }
        return program.value(facts: context.facts, settings: context.settings, today: context.today, derived: cache)
    }

    /// ``evaluate(in:cache:)`` with the cache in a buffer of one value per derived index of
    /// the environment (the engine's, allocated once per evaluation).
    func evaluate(in context: EvaluationContext, cache: UnsafeMutableBufferPointer<Value?>) -> Value {
        if !derivedNeeded.isEmpty { table.fill(derivedNeeded, in: context, cache: cache) }
        return program.value(facts: context.facts, settings: context.settings, today: context.today,
                             derived: UnsafeBufferPointer(cache))
    }

    /// ``evaluate(in:trace:cache:)`` with the cache in a buffer, as ``evaluate(in:cache:)``.
    func evaluate(in context: EvaluationContext, trace: inout ExpressionTrace,
                  cache: UnsafeMutableBufferPointer<Value?>) -> Value {
        if !derivedNeeded.isEmpty { table.fill(derivedNeeded, in: context, cache: cache) }
        var observer = TracingObserver(trace: trace)
        let (value, blame) = program.evaluate(facts: context.facts, settings: context.settings, today: context.today,
                                              derived: UnsafeBufferPointer(cache), observer: &observer)
        trace = observer.trace
        if value.isNull {
            for name in blame where !trace.nullNames.contains(name) { trace.nullNames.append(name) }
        }
        return value
    }

    /// The value of the expression as if `today` were another date (the date a scheduled
    /// transition's guard is read on), without copying the context when no derived value is read.
    func evaluate(in context: EvaluationContext, today: CalendarDate) -> Value {
        guard derivedNeeded.isEmpty else {
            var then = context
            then.today = today
            return evaluate(in: then)
        }
        return program.value(facts: context.facts, settings: context.settings, today: today, derived: [])
    }

    /// The value of the expression, recording in `trace` each name read with its value
    /// (appended once, in order first read, skipping names already in the trace) and,
    /// when the result is null, the names whose null made it so (appended to
    /// ``ExpressionTrace/nullNames``). Derived names are recorded with their computed
    /// value, not expanded.
    package func evaluate(in context: EvaluationContext, trace: inout ExpressionTrace) -> Value {
        var cache: [Value?] = []
        return evaluate(in: context, trace: &trace, cache: &cache)
    }

    /// ``evaluate(in:trace:)`` with a cache of derived values, as ``evaluate(in:cache:)``.
    func evaluate(in context: EvaluationContext, trace: inout ExpressionTrace, cache: inout [Value?]) -> Value {
        if !derivedNeeded.isEmpty { table.fill(derivedNeeded, in: context, cache: &cache) }
        var observer = TracingObserver(trace: trace)
        let (value, blame) = program.evaluate(facts: context.facts, settings: context.settings, today: context.today,
                                              derived: cache, observer: &observer)
        trace = observer.trace
        if value.isNull {
            for name in blame where !trace.nullNames.contains(name) { trace.nullNames.append(name) }
        }
        return value
    }
}

/// A compiled `derive:` entry.
package struct CompiledDerived: Sendable {
    /// The derived name, usable in expressions like a fact.
    package let name: String
    /// Where the name is declared in the policy.
    package let nameSpan: SourceSpan
    /// The compiled expression computing the value.
    package let expression: CompiledExpression
}
