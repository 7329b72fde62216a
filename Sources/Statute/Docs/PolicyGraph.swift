import StatuteCore

/// The status diagram of a policy, as Mermaid or Graphviz text.
///
/// Statuses are nodes with their labels, `start` is a small pseudo-node, and final
/// statuses are drawn distinctly (Mermaid: a `final` class with a thick border; dot: a
/// double border). Automatic transitions are solid edges labelled with their trigger
/// (`on apply`, `when …`, `at …`), manual ones dashed edges labelled with their roles
/// (`by staff`); a guard follows in brackets. A transition from `"*"` is drawn once, from
/// an "any status not final" node, rather than from every status. The output depends
/// only on the policy, so it can be committed and compared.
package enum PolicyGraph {
    /// One edge of the diagram.
    struct Edge {
        /// A status id, or `nil` for the pseudo-node it comes from (see `source`).
        let from: Source
        let to: String
        let automatic: Bool
        /// The trigger line (`on apply`, `by staff`) and, when there is one, the guard.
        let trigger: String
        let guardText: String?
    }

    enum Source: Hashable {
        case start, any, status(String)
    }

    /// The edges of `policy`, in transition order (and within one transition, `start`
    /// first, then statuses in display order).
    static func edges(for policy: CompiledPolicy) -> [Edge] {
        var edges: [Edge] = []
        for transition in policy.transitions {
            let to = policy.statuses[transition.to].id
            let trigger: String = switch transition.trigger {
            case .event(let name): "on \(name)"
            case .when(let e): "when \(e.syntax)"
            case .at(let e): "at \(e.syntax)"
            case .manual(let roles): "by " + roles.joined(separator: ", ")
            }
            let guardText = transition.guardExpression.map { "[\($0.syntax)]" }
            var sources: [Source] = transition.fromStart ? [.start] : []
            if transition.fromWritten.contains(.anyStatus) {
                sources.append(.any)
            } else {
                sources += transition.fromStatuses.sorted().map { .status(policy.statuses[$0].id) }
            }
            for source in sources {
                edges.append(Edge(from: source, to: to, automatic: transition.mode == .automatic,
                                  trigger: trigger, guardText: guardText))
            }
        }
        return edges
    }

    static func usesAny(_ policy: CompiledPolicy) -> Bool {
        policy.transitions.contains { $0.fromWritten.contains(.anyStatus) }
    }

    // MARK: - Mermaid

    /// A Mermaid `flowchart` (top down).
    package static func mermaid(for policy: CompiledPolicy) -> String {
        var lines = ["flowchart TD"]
        lines.append("    start((start))")
        if usesAny(policy) { lines.append("    any{{\"any status not final\"}}") }
        for status in policy.statuses {
            lines.append("    \(mermaidID(.status(status.id)))[\"\(mermaidText(status.label))\"]")
        }
        for edge in edges(for: policy) {
            let label = mermaidText(edge.trigger) + (edge.guardText.map { "<br/>" + mermaidText($0) } ?? "")
            let arrow = edge.automatic ? "-->" : "-.->"
            lines.append("    \(mermaidID(edge.from)) \(arrow)|\"\(label)\"| \(mermaidID(.status(edge.to)))")
        }
        lines.append("    classDef final stroke-width:3px")
        lines.append("    classDef pseudo fill:#eeeeee,stroke:#999999")
        let finals = policy.statuses.filter(\.isFinal).map { mermaidID(.status($0.id)) }
        if !finals.isEmpty { lines.append("    class \(finals.joined(separator: ",")) final") }
        lines.append("    class start\(usesAny(policy) ? ",any" : "") pseudo")
        // Labels come from the file: control characters escaped (docs/reliability.md).
        return Escaping.controlCharacters(lines.joined(separator: "\n"), keepingNewlines: true) + "\n"
    }

    /// Node ids are prefixed so that no status id (`end`, `graph` …) clashes with a Mermaid keyword.
    static func mermaidID(_ source: Source) -> String {
        switch source {
        case .start: "start"
        case .any: "any"
        case .status(let id): "s_" + id
        }
    }

    /// Text inside a quoted Mermaid label: quotes and markup characters as entities.
    static func mermaidText(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            case "#": out += "#35;"
            case "\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// How many arrows the diagram has (one per transition and status it leaves from).
    package static func arrowCount(for policy: CompiledPolicy) -> Int { edges(for: policy).count }

    // MARK: - Graphviz

    /// A Graphviz `digraph` (top down).
    package static func dot(for policy: CompiledPolicy) -> String {
        var lines = ["digraph \(dotString(policy.name)) {"]
        lines.append("    rankdir=TB;")
        lines.append("    nodesep=0.5; ranksep=0.6;")
        lines.append("    node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=12];")
        lines.append("    edge [fontname=\"Helvetica\", fontsize=9];")
        lines.append("    start [shape=circle, style=filled, fillcolor=black, label=\"\", width=0.25];")
        if usesAny(policy) {
            lines.append("    any [shape=box, style=\"rounded,dashed\", color=gray40, fontcolor=gray30, label=\"any status\\nnot final\"];")
        }
        for status in policy.statuses {
            let style = status.isFinal ? ", peripheries=2" : ""
            lines.append("    \(dotID(.status(status.id))) [label=\(dotString(status.label))\(style)];")
        }
        for edge in edges(for: policy) {
            let label = edge.trigger + (edge.guardText.map { "\n" + $0 } ?? "")
            let style = edge.automatic ? "" : ", style=dashed, color=gray35, fontcolor=gray25"
            lines.append("    \(dotID(edge.from)) -> \(dotID(.status(edge.to))) [label=\(dotString(label))\(style)];")
        }
        lines.append("}")
        return Escaping.controlCharacters(lines.joined(separator: "\n"), keepingNewlines: true) + "\n"
    }

    static func dotID(_ source: Source) -> String {
        switch source {
        case .start: "start"
        case .any: "any"
        case .status(let id): dotString("s_" + id)
        }
    }

    /// A double-quoted dot string; newlines become centred line breaks.
    static func dotString(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
