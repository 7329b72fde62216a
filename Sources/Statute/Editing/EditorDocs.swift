import StatuteCore

/// Hover texts taken from the generated docs (`statute docs`), so an editor and the docs
/// say the same thing in the same words, rendered as the docs render them: Markdown with
/// the author's words escaped.
package enum EditorDocs {
    /// The docs' section for the status `id`: its label, description, how it is set
    /// (automatically or manually, by whom, on what trigger), the settings that affect it
    /// and what can follow.
    package static func status(_ id: String, in policy: CompiledPolicy) -> String? {
        guard let status = policy.status(id) else { return nil }
        return DocMarkdown.render(DocDocument(blocks: writer(for: policy).statusSection(status)))
    }

    /// The docs' line for the transition `id`: where it leads, its trigger, guard, effects
    /// and facts set.
    package static func transition(_ id: String, in policy: CompiledPolicy) -> String? {
        guard let transition = policy.transitions.first(where: { $0.id == id }) else { return nil }
        let writer = writer(for: policy)
        return DocMarkdown.inline(writer.transitionLine(transition, showTarget: true)) + "\n\n"
            + DocMarkdown.inline([.text(writer.fromWords(transition).capitalizedFirst + ".")])
    }

    /// A setting's or fact's type with its bounds, and its default, as the docs' tables
    /// write them: ("`int` (min 0)", "`0`"), ("`date?`", "empty"), ("`bool`", "required").
    package static func typeAndDefault(_ declaration: ValueDeclaration) -> (type: String, defaultValue: String) {
        let (type, defaultText) = DocsWriter.typeAndDefault(declaration)
        return (DocMarkdown.inline(type), DocMarkdown.inline([defaultText]))
    }

    /// The author's words as Markdown that shows them as written.
    package static func safe(_ text: String) -> String { DocMarkdown.inline([.text(text)]) }

    /// Code (a name, an expression) as a Markdown code span.
    package static func code(_ text: String) -> String { DocMarkdown.inline([.code(text)]) }

    private static func writer(for policy: CompiledPolicy) -> DocsWriter {
        // The status and transition sections read no analysis: an empty one is enough.
        DocsWriter(policy: policy, analysis: PolicyAnalysis(warnings: [], acknowledged: [], errors: []))
    }
}
