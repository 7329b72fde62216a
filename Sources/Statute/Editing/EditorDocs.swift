import StatuteCore

/// Hover texts taken from the generated docs (`statute docs`), so an editor and the docs
/// say the same thing in the same words. Markdown, control characters escaped, the
/// author's text kept from turning into HTML.
package enum EditorDocs {
    /// The docs' section for the status `id`: its label, description, how it is set
    /// (automatically or manually, by whom, on what trigger), the settings that affect it
    /// and what can follow.
    package static func status(_ id: String, in policy: CompiledPolicy) -> String? {
        guard let status = policy.status(id) else { return nil }
        return safe(writer(for: policy).statusSection(status))
    }

    /// The docs' line for the transition `id`: its trigger, from where, guard, effects and facts set.
    package static func transition(_ id: String, in policy: CompiledPolicy) -> String? {
        guard let transition = policy.transitions.first(where: { $0.id == id }) else { return nil }
        let writer = writer(for: policy)
        return safe("**\(writer.label(transition.to))** (`\(transition.id)`) — "
            + writer.transitionLine(transition, showTarget: false)
                .replacingOccurrences(of: "**`\(transition.id)`** — ", with: ""))
    }

    /// A setting's or fact's type with its bounds, and its default, as the docs' tables
    /// write them: ("`int` (min 0)", "`0`"), ("`date?`", "empty"), ("`bool`", "required").
    package static func typeAndDefault(_ declaration: ValueDeclaration) -> (type: String, defaultValue: String) {
        var type = "`\(declaration.type.value)`"
        var bounds: [String] = []
        if let min = declaration.min { bounds.append("min \(min.value)") }
        if let max = declaration.max { bounds.append("max \(max.value)") }
        if let values = declaration.allowedValues { bounds.append("one of " + values.map { "`\($0.value)`" }.joined(separator: ", ")) }
        if !bounds.isEmpty { type += " (\(bounds.joined(separator: ", ")))" }
        let defaultText = declaration.defaultValue.map { "`\($0.value)`" }
            ?? (declaration.type.value.isOptional ? "empty" : "required")
        return (safe(type), safe(defaultText))
    }

    /// Author's text made safe to show as Markdown.
    package static func safe(_ text: String) -> String {
        MarkdownSafety.escapingHTML(Escaping.controlCharacters(text, keepingNewlines: true))
    }

    private static func writer(for policy: CompiledPolicy) -> DocsWriter {
        // The status and transition sections read no analysis: an empty one is enough.
        DocsWriter(policy: policy, analysis: PolicyAnalysis(warnings: [], acknowledged: [], errors: []))
    }
}
