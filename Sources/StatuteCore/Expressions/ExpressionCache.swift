/// The expressions of one policy already compiled, by text and purpose, so that an
/// expression written many times (a guard repeated on many transitions) is parsed,
/// checked and flattened once.
///
/// A later occurrence shares the first one's type, reads, program and syntax tree, and
/// keeps the scalar ranges of the tree's nodes (recorded by the first parse; equal texts
/// have equal ranges), from which ``CompiledExpression/syntax`` gives the tree with the
/// spans it would have had if parsed where it is written. Only expressions that compiled without a diagnostic are kept, so every diagnostic is
/// still reported where its own text is. Used by one compilation, then dropped.
final class ExpressionCache {
    private struct Key: Hashable {
        let text: String
        let purpose: ExpressionPurpose
    }

    private struct Entry {
        let expression: CompiledExpression
        /// The scalar range of each node of `expression.tree`, in postorder.
        let ranges: [Range<Int>]
    }

    private var entries: [Key: Entry] = [:]

    init() {}

    /// `source` compiled for `purpose` in `environment`, as
    /// ``ExpressionEnvironment/compile(_:for:)`` compiles it.
    func compile(_ source: EmbeddedText, for purpose: ExpressionPurpose,
                 in environment: ExpressionEnvironment) -> (CompiledExpression?, [Diagnostic]) {
        let key = Key(text: source.text, purpose: purpose)
        if let entry = entries[key] {
            return (CompiledExpression(sharing: entry.expression, source: source, ranges: entry.ranges), [])
        }
        let (compiled, ranges, diagnostics) = environment.compileRecordingRanges(source, for: purpose)
        if let compiled, diagnostics.isEmpty {
            entries[key] = Entry(expression: compiled, ranges: ranges)
        }
        return (compiled, diagnostics)
    }
}

extension ExpressionSyntax {
    /// The same tree with its spans in `source`, a text with the same characters as the
    /// one it was parsed from; `ranges` are its nodes' scalar ranges in postorder, as
    /// ``ExpressionParser/parseRecordingRanges(_:limits:)`` gives them.
    func relocated(to source: EmbeddedText, ranges: [Range<Int>]) -> ExpressionSyntax {
        var next = 0
        return relocated(to: source, ranges: ranges, next: &next)
    }

    /// Rebuilds children first, then this node, taking ranges in order. Recursion depth
    /// is the tree's, which the parser bounds.
    private func relocated(to source: EmbeddedText, ranges: [Range<Int>], next: inout Int) -> ExpressionSyntax {
        let rebuilt: Kind
        switch kind {
        case .literal, .name:
            rebuilt = kind
        case .list(let items):
            rebuilt = .list(items.map { $0.relocated(to: source, ranges: ranges, next: &next) })
        case .unary(let op, let operand):
            rebuilt = .unary(op, operand.relocated(to: source, ranges: ranges, next: &next))
        case .binary(let op, let lhs, let rhs):
            let l = lhs.relocated(to: source, ranges: ranges, next: &next)
            let r = rhs.relocated(to: source, ranges: ranges, next: &next)
            rebuilt = .binary(op, l, r)
        case .conditional(let c, let t, let e):
            let c2 = c.relocated(to: source, ranges: ranges, next: &next)
            let t2 = t.relocated(to: source, ranges: ranges, next: &next)
            let e2 = e.relocated(to: source, ranges: ranges, next: &next)
            rebuilt = .conditional(c2, t2, e2)
        case .call(let name, let arguments):
            rebuilt = .call(name, arguments.map { $0.relocated(to: source, ranges: ranges, next: &next) })
        }
        let range = ranges[next]
        next += 1
        return ExpressionSyntax(rebuilt, span: source.span(scalarOffsets: range))
    }
}
