/// Parses the `derive:` definitions and orders them so that each comes after the
/// derived values it reads, reporting cycles and duplicate names.
struct DerivedOrder {
    /// The parsed tree of each definition (`nil` when it did not parse or is a duplicate).
    private(set) var syntax: [ExpressionSyntax?] = []
    /// Definition positions in dependency order (cycle members excluded).
    private(set) var order: [Int] = []
    /// Names whose definitions cannot be compiled (syntax errors, cycles).
    private(set) var broken: [String] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(definitions: [DerivedDefinition], scope: NameScope, limits: ExpressionLimits) {
        var positions: [String: Int] = [:]
        for (i, definition) in definitions.enumerated() {
            if scope.isDeclared(definition.name) || positions[definition.name] != nil {
                diagnostics.append(.error(.duplicateName, "derived name `\(definition.name)` is already declared",
                                          at: definition.nameSpan, help: "rename the derived value"))
                syntax.append(nil)
                continue
            }
            positions[definition.name] = i
            let (parsed, parseDiagnostics) = ExpressionParser.parse(definition.source, limits: limits)
            diagnostics += parseDiagnostics
            syntax.append(parsed)
            if parsed == nil { broken.append(definition.name) }
        }
        let edges = syntax.map { tree in tree.map { Self.derivedNames(in: $0, positions) } ?? [] }
        sort(definitions, edges)
    }

    /// Positions of the derived definitions `tree` reads, in source order, once each.
    static func derivedNames(in tree: ExpressionSyntax, _ positions: [String: Int]) -> [Int] {
        var result: [Int] = []
        var stack = [tree]
        while let node = stack.popLast() {
            if case .name(let name) = node.kind, let p = positions[name], !result.contains(p) { result.append(p) }
            stack.append(contentsOf: node.children.reversed())
        }
        return result
    }

    /// Depth-first post-order with an explicit stack (a long chain of definitions cannot
    /// overflow the call stack). A back edge is a cycle; its members are broken.
    private mutating func sort(_ definitions: [DerivedDefinition], _ edges: [[Int]]) {
        enum Mark { case unvisited, active, done }
        var marks = Array(repeating: Mark.unvisited, count: definitions.count)
        var inCycle = Array(repeating: false, count: definitions.count)
        for root in definitions.indices where marks[root] == .unvisited && syntax[root] != nil {
            var path: [(node: Int, next: Int)] = [(root, 0)]
            marks[root] = .active
            while let (node, next) = path.last {
                if next < edges[node].count {
                    path[path.count - 1].next += 1
                    let target = edges[node][next]
                    guard syntax[target] != nil else { continue }
                    switch marks[target] {
                    case .unvisited:
                        marks[target] = .active
                        path.append((target, 0))
                    case .active:
                        let start = path.firstIndex { $0.node == target }!
                        let members = path[start...].map(\.node)
                        if !members.contains(where: { inCycle[$0] }) {
                            let names = (members + [target]).map { "`\(definitions[$0].name)`" }
                            let first = members.min()!
                            var diagnostic = Diagnostic.error(.deriveCycle,
                                                      "derived values depend on each other in a cycle: \(names.joined(separator: " -> "))",
                                                      at: definitions[first].nameSpan,
                                                      help: "a derived value cannot depend on itself, directly or through others")
                            for other in members.sorted() where other != first {
                                diagnostic = diagnostic.noting("`\(definitions[other].name)` is part of the cycle",
                                                               at: definitions[other].nameSpan)
                            }
                            diagnostics.append(diagnostic)
                        }
                        for m in members { inCycle[m] = true }
                    case .done:
                        break
                    }
                } else {
                    marks[node] = .done
                    path.removeLast()
                    if inCycle[node] { broken.append(definitions[node].name) } else { order.append(node) }
                }
            }
        }
    }
}
