import Statute

/// `textDocument/hover`: on a name, what it is — for a status the docs' section (label,
/// description, how it is set, what can follow), for a setting or fact its type, label,
/// description, default and bounds, for a function its signature; on a key, what the key means.
package enum HoverFeature {
    package static func hover(in file: ReadFile, at position: Position, workspace: Workspace) -> JSON {
        let location = file.lines.location(of: position)
        if let occurrence = file.index.occurrence(at: location) {
            let policy = workspace.policy(for: file)
            guard let text = describe(occurrence, policy: policy) else { return .null }
            return result(text, range: file.range(of: occurrence.span))
        }
        if let found = key(in: file, at: position), let meaning = PolicyKeys.meaning(of: found.key, at: found.place) {
            return result("**`\(found.key)`** — " + meaning, range: found.range)
        }
        return .null
    }

    private static func result(_ markdown: String, range: TextRange) -> JSON {
        ["contents": ["kind": "markdown", "value": .string(markdown)], "range": range.json]
    }

    /// The key written at `position` (a word followed by `:`), and the kind of mapping it is in.
    static func key(in file: ReadFile, at position: Position) -> (key: String, range: TextRange, place: PolicyKeys.Place)? {
        guard let word = file.lines.word(at: position) else { return nil }
        let line = file.lines.line(word.range.start.line)
        let prefix = file.lines.linePrefix(before: word.range.start)
        guard line.hasPrefix(prefix + word.text + ":") else { return nil }
        let above = (0..<word.range.start.line).map(file.lines.line)
        let context = YAMLContext(linesAbove: above, prefix: prefix)
        let isTestFile = file.isTestFile || (!file.isPolicy && above.contains { $0.hasPrefix("tests:") })
        let place = isTestFile ? CompletionFeature.testPlace(context) : CompletionFeature.policyPlace(context)
        guard case .keys(let keys) = place else { return nil }
        return (word.text, word.range, keys)
    }

    /// Markdown describing a name, from its policy's declarations (and, for statuses and
    /// transitions of a policy without errors, from the generated docs).
    static func describe(_ occurrence: Occurrence, policy file: ReadFile?) -> String? {
        let name = occurrence.name
        if occurrence.kind == .function {
            guard let function = BuiltinFunction.named(name) else { return nil }
            return "**function** `\(function.signature)`\n\n\(function.summary.capitalizedFirst)."
        }
        guard let file, let document = file.analysis.policyDocument else {
            return "**\(occurrence.kind.noun)** \(EditorDocs.code(name)) (its policy cannot be read)"
        }
        let compiled = file.analysis.policy
        switch occurrence.kind {
        case .status:
            guard let status = document.statuses.first(where: { $0.id.value == name }) else { return undeclared(occurrence) }
            if let compiled, let section = EditorDocs.status(name, in: compiled) {
                return "**status** \(EditorDocs.code(name))\n\n" + section
            }
            return "**status** \(EditorDocs.code(name)) — " + EditorDocs.safe(status.label ?? name)
                + (status.description.map { "\n\n" + EditorDocs.safe($0) } ?? "")
        case .fact, .setting:
            let declarations = occurrence.kind == .fact ? document.facts : document.settings
            guard let declaration = declarations.first(where: { $0.name.value == name }) else { return undeclared(occurrence) }
            let (type, defaultValue) = EditorDocs.typeAndDefault(declaration)
            var lines = ["**\(occurrence.kind.noun)** \(EditorDocs.code(occurrence.kind == .setting ? "settings." + name : name)): \(type)"]
            if let label = declaration.label { lines.append("“" + EditorDocs.safe(label) + "”") }
            if let description = declaration.description { lines.append(EditorDocs.safe(description)) }
            lines.append("Default: \(defaultValue)")
            return lines.joined(separator: "\n\n")
        case .derived:
            guard let derived = document.derived.first(where: { $0.name.value == name }) else { return undeclared(occurrence) }
            return "**derived value** \(EditorDocs.code(name)) = \(EditorDocs.code(derived.expression.text))"
        case .event, .effect:
            let declarations = occurrence.kind == .event ? document.events : document.effects
            guard let declaration = declarations.first(where: { $0.name.value == name }) else { return undeclared(occurrence) }
            return "**\(occurrence.kind.noun)** \(EditorDocs.code(name))" + (declaration.description.map { "\n\n" + EditorDocs.safe($0) } ?? "")
        case .role:
            guard let role = document.roles.first(where: { $0.name.value == name }) else { return undeclared(occurrence) }
            var text = "**role** \(EditorDocs.code(name))"
            if let description = role.description { text += "\n\n" + EditorDocs.safe(description) }
            if !role.includes.isEmpty { text += "\n\nIncludes " + role.includes.map { EditorDocs.code($0.value) }.joined(separator: ", ") + "." }
            return text
        case .transition:
            guard let transition = document.transitions.first(where: { $0.id.value == name }) else { return undeclared(occurrence) }
            if let compiled, let line = EditorDocs.transition(name, in: compiled) { return "**transition** \(EditorDocs.code(name))\n\n" + line }
            return "**transition** \(EditorDocs.code(name))" + (transition.to.map { " to " + EditorDocs.code($0.value) } ?? "")
                + (transition.mode.map { " (\($0.value.rawValue))" } ?? "")
        case .function:
            return nil
        }
    }

    private static func undeclared(_ occurrence: Occurrence) -> String {
        "**\(occurrence.kind.noun)** \(EditorDocs.code(occurrence.name)) — not declared in the policy"
    }
}

extension SymbolKind {
    /// The word for the kind in hover texts.
    var noun: String {
        switch self {
        case .derived: "derived value"
        default: rawValue
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
