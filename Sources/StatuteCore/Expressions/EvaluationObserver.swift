/// What watches an evaluation: the names read and, when a result is null, which names'
/// nulls made it so ("blame"). The one evaluator (``ProgramEvaluator``) is generic over
/// its observer, so evaluating with ``SilentObserver`` (explain off) compiles to code
/// with no trace at all, and evaluating with ``TracingObserver`` (explain on) follows
/// exactly the same steps: the two cannot disagree on a value.
protocol EvaluationObserver {
    /// The names to blame for a null, carried up the tree beside each value.
    associatedtype Blame
    /// Blame for a value no name made null (a literal, or a non-null result).
    static var none: Blame { get }
    /// Notes that the name `names[index]` was read with `value`; the blame for it.
    mutating func read(_ index: Int32, of names: UnsafeBufferPointer<String>, value: Value) -> Blame
    /// Blame for a null caused by both sides (each once, in order).
    func merge(_ a: Blame, _ b: Blame) -> Blame
}

/// Observes nothing: blame is an empty struct and every call is inlined away.
struct SilentObserver: EvaluationObserver {
    struct Blame {}
    static var none: Blame { Blame() }

    @inline(__always)
    mutating func read(_ index: Int32, of names: UnsafeBufferPointer<String>, value: Value) -> Blame { Blame() }

    @inline(__always)
    func merge(_ a: Blame, _ b: Blame) -> Blame { Blame() }
}

/// Records each name read with its value (once, in the order first read, skipping names
/// already in the trace) and blames nulls on the names that were null.
struct TracingObserver: EvaluationObserver {
    var trace: ExpressionTrace
    private var seen: Set<String>

    init(trace: ExpressionTrace) {
        self.trace = trace
        self.seen = Set(trace.values.map(\.name))
    }

    static var none: [String] { [] }

    mutating func read(_ index: Int32, of names: UnsafeBufferPointer<String>, value: Value) -> [String] {
        let name = names[Int(index)]
        if seen.insert(name).inserted { trace.values.append(NamedValue(name: name, value: value)) }
        return value.isNull ? [name] : []
    }

    func merge(_ a: [String], _ b: [String]) -> [String] {
        a + b.filter { !a.contains($0) }
    }
}
