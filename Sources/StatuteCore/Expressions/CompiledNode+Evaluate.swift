/// The compiled derived values of an environment: node and direct dependencies by index.
final class DerivedTable: Sendable {
    let nodes: [CompiledNode]
    let dependencies: [[Int]]

    init(nodes: [CompiledNode], dependencies: [[Int]]) {
        self.nodes = nodes
        self.dependencies = dependencies
    }

    static let empty = DerivedTable(nodes: [], dependencies: [])

    /// Computes into `cache` (by derived index; `nil` = not computed yet) the values of
    /// `roots` and everything they depend on, each at most once, with an explicit stack
    /// (no recursion across derived values). Values already in the cache are kept, so a
    /// cache shared by the expressions of one evaluation computes each derived value once.
    func fill(_ roots: [Int], in context: EvaluationContext, cache: inout [Value?]) {
        if cache.count != nodes.count { cache = Array(repeating: nil, count: nodes.count) }
        var stack: [Int] = []
        for root in roots where cache[root] == nil {
            stack.append(root)
            while let top = stack.last {
                if cache[top] != nil {
                    stack.removeLast()
                    continue
                }
                var pending = false
                for dependency in dependencies[top] where cache[dependency] == nil {
                    stack.append(dependency)
                    pending = true
                }
                guard !pending else { continue }
                let value = Evaluator(context: context, derived: cache).evaluate(nodes[top])
                cache[top] = value
                stack.removeLast()
            }
        }
    }
}

/// Evaluates compiled nodes. Recursion depth is the tree's depth, which the parser
/// holds to ``ExpressionLimits/maxDepth``; derived values are computed beforehand by
/// ``DerivedTable``.
struct Evaluator {
    let context: EvaluationContext
    /// Derived values by environment index (filled in before the expression runs).
    let derived: [Value?]

    func read(_ values: [Value], _ slot: Int) -> Value {
        slot >= 0 && slot < values.count ? values[slot] : .null
    }

    func read(derived index: Int) -> Value {
        index >= 0 && index < derived.count ? derived[index] ?? .null : .null
    }

    func evaluate(_ node: CompiledNode) -> Value {
        switch node {
        case .constant(let v): return v
        case .fact(let slot, _): return read(context.facts, slot)
        case .setting(let slot, _): return read(context.settings, slot)
        case .today: return .date(context.today)
        case .derived(let index, _): return read(derived: index)
        case .unary(let f, let a):
            let x = evaluate(a)
            return x.isNull ? .null : f(x)
        case .binary(let f, let a, let b):
            let x = evaluate(a)
            if x.isNull { return .null }
            let y = evaluate(b)
            return y.isNull ? .null : f(x, y)
        case .equal(let a, let b, let negated):
            return .bool((evaluate(a) == evaluate(b)) != negated)
        case .and(let a, let b):
            let x = evaluate(a)
            if x == .bool(false) { return x }
            let y = evaluate(b)
            if y == .bool(false) { return y }
            return x.isNull || y.isNull ? .null : .bool(true)
        case .or(let a, let b):
            let x = evaluate(a)
            if x == .bool(true) { return x }
            let y = evaluate(b)
            if y == .bool(true) { return y }
            return x.isNull || y.isNull ? .null : .bool(false)
        case .coalesce(let a, let b):
            let x = evaluate(a)
            return x.isNull ? evaluate(b) : x
        case .conditional(let c, let a, let b):
            switch evaluate(c) {
            case .bool(true): return evaluate(a)
            case .bool(false): return evaluate(b)
            default: return .null
            }
        case .member(let a, let items):
            let x = evaluate(a)
            if x.isNull { return .null }
            return .bool(items.contains { evaluate($0) == x })
        }
    }
}

/// Evaluates compiled nodes while recording the names read and which names' nulls
/// made a result null. Same semantics as ``Evaluator``.
struct TracingEvaluator {
    let plain: Evaluator
    var trace: ExpressionTrace
    private var seen: Set<String>

    init(plain: Evaluator, trace: ExpressionTrace) {
        self.plain = plain
        self.trace = trace
        self.seen = Set(trace.values.map(\.name))
    }

    private mutating func record(_ name: String, _ value: Value) -> (Value, [String]) {
        if seen.insert(name).inserted { trace.values.append(NamedValue(name: name, value: value)) }
        return (value, value.isNull ? [name] : [])
    }

    private func merge(_ a: [String], _ b: [String]) -> [String] {
        a + b.filter { !a.contains($0) }
    }

    /// The value and, when it is null, the names whose null caused it.
    mutating func evaluate(_ node: CompiledNode) -> (Value, [String]) {
        switch node {
        case .constant(let v): return (v, [])
        case .fact(let slot, let name): return record(name, plain.read(plain.context.facts, slot))
        case .setting(let slot, let name): return record(name, plain.read(plain.context.settings, slot))
        case .today: return record("today", .date(plain.context.today))
        case .derived(let index, let name): return record(name, plain.read(derived: index))
        case .unary(let f, let a):
            let (x, bx) = evaluate(a)
            return x.isNull ? (.null, bx) : (f(x), [])
        case .binary(let f, let a, let b):
            let (x, bx) = evaluate(a)
            if x.isNull { return (.null, bx) }
            let (y, by) = evaluate(b)
            return y.isNull ? (.null, by) : (f(x, y), [])
        case .equal(let a, let b, let negated):
            let (x, _) = evaluate(a)
            let (y, _) = evaluate(b)
            return (.bool((x == y) != negated), [])
        case .and(let a, let b):
            let (x, bx) = evaluate(a)
            if x == .bool(false) { return (x, []) }
            let (y, by) = evaluate(b)
            if y == .bool(false) { return (y, []) }
            if x.isNull || y.isNull { return (.null, merge(x.isNull ? bx : [], y.isNull ? by : [])) }
            return (.bool(true), [])
        case .or(let a, let b):
            let (x, bx) = evaluate(a)
            if x == .bool(true) { return (x, []) }
            let (y, by) = evaluate(b)
            if y == .bool(true) { return (y, []) }
            if x.isNull || y.isNull { return (.null, merge(x.isNull ? bx : [], y.isNull ? by : [])) }
            return (.bool(false), [])
        case .coalesce(let a, let b):
            let (x, bx) = evaluate(a)
            if !x.isNull { return (x, []) }
            let (y, by) = evaluate(b)
            return y.isNull ? (y, merge(bx, by)) : (y, [])
        case .conditional(let c, let a, let b):
            let (x, bx) = evaluate(c)
            switch x {
            case .bool(true): return evaluate(a)
            case .bool(false): return evaluate(b)
            default: return (.null, bx)
            }
        case .member(let a, let items):
            let (x, bx) = evaluate(a)
            if x.isNull { return (.null, bx) }
            var found = false
            for item in items where !found {
                found = evaluate(item).0 == x
            }
            return (.bool(found), [])
        }
    }
}
