import Statute

/// `textDocument/completion`: what may be written at the position — in an expression the
/// facts, `settings.` names, derived values, functions and keywords; in `from`/`to` the
/// statuses (and `start`, `"*"` in `from`); roles in `by`; events in `on`; effects in
/// `effects`; the keys allowed where a key is written; and in test files the statuses,
/// events, roles, transitions, facts and settings of their policy.
package enum CompletionFeature {
    /// LSP `CompletionItemKind`s used.
    enum ItemKind: Int {
        case function = 3, field = 5, variable = 6, `class` = 7, property = 10, value = 12, keyword = 14
        case reference = 18, enumMember = 20, constant = 21, event = 23, typeParameter = 25
    }

    package static func complete(_ document: OpenDocument, at position: Position, workspace: Workspace) -> JSON {
        let lines = document.lines
        let above = (0..<min(max(position.line, 0), lines.lineCount)).map(lines.line)
        let context = YAMLContext(linesAbove: above, prefix: lines.linePrefix(before: position))
        // Half-typed text may not parse: the names come from the last reading that had them.
        var file = workspace.read(uri: document.uri)
        if file?.analysis.kind == .other, let last = workspace.lastRead(document.uri) { file = last }
        let isTestFile = file?.isTestFile ?? false
            || (file?.isPolicy != true && above.contains { $0.hasPrefix("tests:") })
        var policy = file.flatMap { workspace.policy(for: $0) }
        if policy == nil, isTestFile, let written = writtenPolicy((0..<lines.lineCount).map(lines.line)),
           let path = EditorAnalysis.policyPath(written: written, testFile: document.file) {
            // A test file that has never been readable: its policy from its `policy:` line.
            policy = workspace.read(path: path)
        }
        let names = PolicyNames(policy?.analysis.policyDocument)
        let place = isTestFile ? testPlace(context) : policyPlace(context)
        let expression = place == .expression
        let word = lines.word(before: position, dashes: !expression)
        let items = candidates(for: place, names: names).map { candidate -> JSON in
            var item: [String: JSON] = [
                "label": .string(candidate.label),
                "kind": .int(candidate.kind.rawValue),
                "textEdit": ["range": word.range.json, "newText": .string(candidate.insert ?? candidate.label)],
            ]
            if let detail = candidate.detail { item["detail"] = .string(detail) }
            return .object(item)
        }
        return ["isIncomplete": false, "items": .array(items)]
    }

    /// The value of a top-level `policy:` line (quotes and a trailing comment dropped).
    static func writtenPolicy(_ lines: [String]) -> String? {
        guard let line = lines.first(where: { $0.hasPrefix("policy:") }) else { return nil }
        var value = Substring(line.dropFirst("policy:".count))
        if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
        let written = value.trimming(" \t\"'")
        return written.isEmpty ? nil : written
    }

    /// What kind of thing is written at a place.
    enum Place: Equatable {
        case keys(PolicyKeys.Place)
        case expression
        case statuses(from: Bool)
        case roles, events, effects, transitions, facts, settings
        case modes, types, outcomes
        case nothing
    }

    static let expressionKeys: Set<String> = ["when", "guard", "at"]

    static func policyPlace(_ context: YAMLContext) -> Place {
        let path = context.path
        guard let key = context.valueKey else {
            switch path {
            case []: return .keys(.policy)
            case ["transitions", "-"]: return .keys(.transition)
            case ["transitions", "-", "set"]: return .facts
            default: break
            }
            if path.count == 2 {
                switch path[0] {
                case "settings", "facts": return .keys(.declaration)
                case "statuses": return .keys(.status)
                case "roles": return .keys(.role)
                case "events", "effects": return .keys(.named)
                case "derive": return .expression
                default: break
                }
            }
            // A continuation line of a block scalar under an expression key.
            if path.count == 3, path[0] == "transitions", expressionKeys.contains(path[2]) { return .expression }
            if path.count == 4, path[0] == "transitions", path[2] == "set" { return .expression }
            return .nothing
        }
        switch path {
        case ["transitions", "-"]:
            switch key {
            case "from": return .statuses(from: true)
            case "to": return .statuses(from: false)
            case "by": return .roles
            case "on": return .events
            case "effects": return .effects
            case "mode": return .modes
            case _ where expressionKeys.contains(key): return .expression
            default: return .nothing
            }
        case ["transitions", "-", "set"], ["derive"]: return .expression
        default:
            if path.count == 2, path[0] == "roles", key == "includes" { return .roles }
            if path.count == 2, path[0] == "settings" || path[0] == "facts", key == "type" { return .types }
            return .nothing
        }
    }

    static func testPlace(_ context: YAMLContext) -> Place {
        let path = context.path
        guard let key = context.valueKey else {
            switch path {
            case []: return .keys(.testFile)
            case ["tests", "-"]: return .keys(.test)
            case ["tests", "-", "expect"]: return .keys(.expect)
            case ["tests", "-", "expect", "next"]: return .keys(.next)
            case ["facts"], ["tests", "-", "facts"], ["tests", "-", "expect", "set"]: return .facts
            case ["settings"], ["tests", "-", "settings"]: return .settings
            default: return .nothing
            }
        }
        switch (path, key) {
        case (["tests", "-"], "status"), (["tests", "-"], "set"), (["tests", "-", "expect"], "status"),
             (["tests", "-", "expect", "next"], "to"):
            return .statuses(from: false)
        case (["tests", "-"], "event"): return .events
        case (["tests", "-"], "as"): return .roles
        case (["tests", "-"], "transition"), (["tests", "-", "expect"], "steps"),
             (["tests", "-", "expect", "next"], "transition"):
            return .transitions
        case (["tests", "-", "expect"], "effects"): return .effects
        case (["tests", "-", "expect"], "outcome"): return .outcomes
        default: return .nothing
        }
    }

    struct Candidate {
        var label: String
        var kind: ItemKind
        var detail: String?
        var insert: String?
    }

    static func candidates(for place: Place, names: PolicyNames) -> [Candidate] {
        switch place {
        case .keys(let keys):
            return PolicyKeys.allowed(at: keys).map { Candidate(label: $0, kind: .property, detail: PolicyKeys.meaning(of: $0, at: keys)) }
        case .expression:
            var items = names.facts.map { Candidate(label: $0.name.value, kind: .field, detail: "fact: \($0.type.value)") }
            items += names.settings.map {
                Candidate(label: "settings." + $0.name.value, kind: .constant, detail: "setting: \($0.type.value)")
            }
            items += names.derived.map { Candidate(label: $0.name.value, kind: .variable, detail: "derived value") }
            items += BuiltinFunction.all.map { Candidate(label: $0.name, kind: .function, detail: $0.signature) }
            let keywords: [(String, String?)] = [("today", "the date of the evaluation"), ("true", nil), ("false", nil),
                                                 ("null", nil), ("in", "membership in a list")]
            items += keywords.map { Candidate(label: $0.0, kind: .keyword, detail: $0.1) }
            return items
        case .statuses(let from):
            var items = names.statuses.map { Candidate(label: $0.id.value, kind: .enumMember, detail: $0.label) }
            if from {
                items.append(Candidate(label: "start", kind: .keyword, detail: "a new record (no status yet)"))
                items.append(Candidate(label: "*", kind: .keyword, detail: "any status not final", insert: "\"*\""))
            }
            return items
        case .roles: return names.roles.map { Candidate(label: $0.name.value, kind: .class, detail: $0.description) }
        case .events: return names.events.map { Candidate(label: $0.name.value, kind: .event, detail: $0.description) }
        case .effects: return names.effects.map { Candidate(label: $0.name.value, kind: .value, detail: $0.description) }
        case .transitions:
            return names.transitions.map { Candidate(label: $0.id.value, kind: .reference, detail: $0.to.map { "to \($0.value)" }) }
        case .facts: return names.facts.map { Candidate(label: $0.name.value, kind: .field, detail: "fact: \($0.type.value)") }
        case .settings: return names.settings.map { Candidate(label: $0.name.value, kind: .constant, detail: "setting: \($0.type.value)") }
        case .modes: return ["automatic", "manual"].map { Candidate(label: $0, kind: .enumMember) }
        case .types:
            return ["bool", "int", "string", "date", "bool?", "int?", "string?", "date?"].map { Candidate(label: $0, kind: .typeParameter) }
        case .outcomes: return ["changed", "unchanged", "ignored", "rejected"].map { Candidate(label: $0, kind: .enumMember) }
        case .nothing: return []
        }
    }
}
