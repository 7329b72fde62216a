/// Unreachable statuses, dead ends and automatic cycles: checks over the status graph.
extension PolicyAnalyzer {
    static func reachabilityFindings(_ context: AnalysisContext) -> [Finding] {
        let policy = context.policy
        var reached = Set<Int>()
        var queue: [Int] = []
        for transition in policy.transitions where transition.fromStart && reached.insert(transition.to).inserted {
            queue.append(transition.to)
        }
        while let status = queue.popLast() {
            for index in context.outgoing[status] {
                let transition = policy.transitions[index]
                if reached.insert(transition.to).inserted { queue.append(transition.to) }
            }
        }
        var findings: [Finding] = []
        for status in policy.statuses where !reached.contains(status.index) {
            findings.append(Finding(diagnostic: .warning(
                .unreachableStatus, "status `\(status.id)` is unreachable: no transition leads to it from `start`",
                at: status.span, help: "add a transition to `\(status.id)`, or remove the status"), transitions: []))
        }
        for status in policy.statuses where !status.isFinal {
            guard context.outgoing[status.index].isEmpty else { continue }
            findings.append(Finding(diagnostic: .warning(
                .deadEndStatus, "status `\(status.id)` has no way out but is not marked final",
                at: status.span, help: "mark it `final: true`, or add a transition from it"), transitions: []))
        }
        return findings
    }

    /// One warning per group of statuses that automatic `when`/`at` transitions can cycle
    /// through (a strongly connected component with a cycle), naming one such cycle.
    static func cycleFindings(_ context: AnalysisContext) -> [Finding] {
        let policy = context.policy
        let count = policy.statuses.count
        // Edges: status → [(target, transition index)], in file order.
        var edges = Array(repeating: [(to: Int, transition: Int)](), count: count)
        for transition in policy.transitions {
            guard transition.trigger.kind == .when || transition.trigger.kind == .at else { continue }
            for from in transition.fromStatuses.sorted() { edges[from].append((transition.to, transition.index)) }
        }
        var findings: [Finding] = []
        var reported = Set<Int>()
        // Only a status in a strongly connected component with a cycle can start one; the
        // others are skipped, so a policy without cycles costs one linear pass.
        let cyclic = statusesOnCycles(edges: edges)
        for start in 0..<count where cyclic[start] && !reported.contains(start) {
            guard let cycle = shortestCycle(from: start, edges: edges) else { continue }
            let statuses = cycle.map(\.from)
            // Report each cycle once: at the status of the cycle that comes first in display order.
            guard statuses.min() == start else { continue }
            reported.formUnion(statuses)
            let path = (statuses + [start]).map { policy.statuses[$0].id }.joined(separator: " -> ")
            let transitionIDs = cycle.map { policy.transitions[$0.transition].id }
            let first = cycle.map(\.transition).min() ?? cycle[0].transition
            findings.append(Finding(diagnostic: .warning(
                .automaticCycle, "automatic transitions can cycle `\(path)`",
                at: context.idSpan(of: policy.transitions[first]),
                help: "the transitions \(AnalysisContext.list(transitionIDs)) can keep firing in turn; "
                    + "make their conditions exclusive, or make one of them manual"),
                transitions: cycle.map(\.transition)))
        }
        return findings
    }

    /// Whether each status lies on a cycle of `edges`: it is in a strongly connected
    /// component of more than one status, or has an edge to itself. Tarjan's algorithm,
    /// with an explicit stack instead of recursion.
    static func statusesOnCycles(edges: [[(to: Int, transition: Int)]]) -> [Bool] {
        let count = edges.count
        var index = Array(repeating: -1, count: count)
        var low = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var cyclic = Array(repeating: false, count: count)
        var next = 0
        for root in 0..<count where index[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = next; low[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let target = edges[node][edge].to
                    if target == node { cyclic[node] = true }
                    if index[target] < 0 {
                        index[target] = next; low[target] = next; next += 1
                        stack.append(target); onStack[target] = true
                        work.append((target, 0))
                    } else if onStack[target] {
                        low[node] = min(low[node], index[target])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[node]) }
                guard low[node] == index[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 { for member in component { cyclic[member] = true } }
            }
        }
        return cyclic
    }

    /// The shortest cycle through `start` (breadth first), as its edges in order.
    private static func shortestCycle(from start: Int, edges: [[(to: Int, transition: Int)]])
        -> [(from: Int, transition: Int)]? {
        var previous: [Int: (from: Int, transition: Int)] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let status = queue[head]
            head += 1
            for edge in edges[status] {
                if edge.to == start {
                    var cycle = [(from: status, transition: edge.transition)]
                    var current = status
                    while current != start, let step = previous[current] {
                        cycle.insert(step, at: 0)
                        current = step.from
                    }
                    return cycle
                }
                if previous[edge.to] == nil, edge.to != start {
                    previous[edge.to] = (status, edge.transition)
                    queue.append(edge.to)
                }
            }
        }
        return nil
    }
}
