/// The compiled derived values of an environment: program and direct dependencies by index.
final class DerivedTable: Sendable {
    let programs: [CompiledProgram]
    let dependencies: [[Int]]

    init(nodes: [CompiledNode], dependencies: [[Int]]) {
        self.programs = nodes.map(CompiledProgram.init)
        self.dependencies = dependencies
    }

    static let empty = DerivedTable(nodes: [], dependencies: [])

    /// `roots` and every derived value they read, directly or not, each once, each after
    /// the ones it reads (a post-order walk with an explicit stack, done once when an
    /// expression is compiled). Indices out of range are left out.
    func closure(of roots: [Int]) -> [Int] {
        var order: [Int] = []
        var visited = Set<Int>()
        for root in roots where programs.indices.contains(root) && !visited.contains(root) {
            visited.insert(root)
            var stack: [(index: Int, next: Int)] = [(root, 0)]
            while let top = stack.last {
                let reads = dependencies[top.index]
                if top.next < reads.count {
                    stack[stack.count - 1].next += 1
                    let dependency = reads[top.next]
                    if programs.indices.contains(dependency), visited.insert(dependency).inserted {
                        stack.append((dependency, 0))
                    }
                } else {
                    order.append(top.index)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    /// Computes into `cache` (by derived index; `nil` = not computed yet) the values of
    /// `needed`, a list made by ``closure(of:)``. Values already in the cache are kept, so
    /// a cache shared by the expressions of one evaluation computes each derived value once.
    func fill(_ needed: [Int], in context: EvaluationContext, cache: inout [Value?]) {
        if cache.count != programs.count {
            let count = programs.count
            cache = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.initialize(repeating: nil)
                initialized = count
            }
        }
        cache.withUnsafeMutableBufferPointer { fill(needed, in: context, cache: $0) }
    }

    /// ``fill(_:in:cache:)`` into a buffer of one value per derived index (the engine's
    /// per-evaluation cache, allocated on the stack).
    func fill(_ needed: [Int], in context: EvaluationContext, cache buffer: UnsafeMutableBufferPointer<Value?>) {
        programs.withUnsafeBufferPointer { programs in
            needed.withUnsafeBufferPointer { needed in
                for position in needed.indices {
                    let index = needed[position]
                    guard buffer[index] == nil else { continue }
                    buffer[index] = programs[index].value(facts: context.facts, settings: context.settings,
                                                          today: context.today, derived: UnsafeBufferPointer(buffer))
                }
            }
        }
    }
}
