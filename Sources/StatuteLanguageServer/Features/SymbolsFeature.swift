import Statute

/// `textDocument/documentSymbol`: the outline — a policy's statuses, transitions, facts,
/// settings, derived values, events, effects and roles, each group under its section; a
/// test file's tests.
package enum SymbolsFeature {
    /// LSP `SymbolKind`s used.
    enum Kind: Int {
        case namespace = 3, `class` = 5, method = 6, field = 8, function = 12, variable = 13, constant = 14
        case enumMember = 22, event = 24
    }

    package static func symbols(in file: ReadFile) -> JSON {
        if let document = file.analysis.policyDocument { return .array(policySymbols(document, in: file)) }
        if let testFile = file.analysis.testFile {
            return .array(testFile.tests.map { test in
                symbol(test.name, detail: "test", kind: .method, range: file.range(of: test.span),
                       selection: file.range(of: test.span))
            })
        }
        return []
    }

    private static func policySymbols(_ document: PolicyDocument, in file: ReadFile) -> [JSON] {
        func names<T>(_ items: [T], _ name: (T) -> Located<String>, _ detail: (T) -> String?, _ kind: Kind) -> [JSON] {
            items.map { item in
                let range = file.lines.nameRange(of: name(item).span)
                return symbol(name(item).value, detail: detail(item), kind: kind, range: range, selection: range)
            }
        }
        let transitions = document.transitions.map { transition in
            let selection = file.lines.nameRange(of: transition.id.span)
            var range = file.range(of: transition.span)
            if !range.contains(selection.start) || !range.contains(selection.end) { range = selection }
            let detail = transition.to.map { "→ \($0.value)" }.map { $0 + (transition.mode.map { " (\($0.value.rawValue))" } ?? "") }
            return symbol(transition.id.value, detail: detail, kind: .function, range: range, selection: selection)
        }
        let groups: [(String, [JSON])] = [
            ("statuses", names(document.statuses, \.id, \.label, .enumMember)),
            ("transitions", transitions),
            ("facts", names(document.facts, \.name, { "\($0.type.value)" }, .field)),
            ("settings", names(document.settings, \.name, { "\($0.type.value)" }, .constant)),
            ("derive", names(document.derived, \.name, { _ in "derived value" }, .variable)),
            ("events", names(document.events, \.name, { _ in "event" }, .event)),
            ("effects", names(document.effects, \.name, { _ in "effect" }, .method)),
            ("roles", names(document.roles, \.name, { _ in "role" }, .class)),
        ]
        return groups.compactMap { name, children in
            guard let first = TextRange(children.first?["range"]), let last = TextRange(children.last?["range"]) else { return nil }
            let range = TextRange(start: first.start, end: max(first.end, last.end))
            return symbol(name, detail: "\(children.count)", kind: .namespace, range: range,
                          selection: TextRange(children.first?["selectionRange"]) ?? first, children: children)
        }
    }

    private static func symbol(_ name: String, detail: String?, kind: Kind, range: TextRange, selection: TextRange,
                               children: [JSON] = []) -> JSON {
        var json: [String: JSON] = [
            "name": .string(name.isEmpty ? "(unnamed)" : name),
            "kind": .int(kind.rawValue),
            "range": range.json,
            "selectionRange": selection.json,
        ]
        if let detail { json["detail"] = .string(detail) }
        if !children.isEmpty { json["children"] = .array(children) }
        return .object(json)
    }
}
