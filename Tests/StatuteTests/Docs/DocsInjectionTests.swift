import Testing
@testable import Statute

/// A policy author's words stay words in every format the reference is written in: no
/// description can add a diagram, a table, a heading, a list or markup to `statute docs`'
/// Markdown, and HTML in a label is escaped once (the console's HTML is tested beside it).
@Suite struct DocsInjectionTests {
    static let hostile: CompiledPolicy = {
        let loaded = PolicyLoader.load(text: """
            statute: 1
            name: hostile
            title: "# Heading <script>alert(1)</script>"
            description: |
              First line.

              ```mermaid
              flowchart TD
                  evil
              ```

              | a | b |
              | --- | --- |
              - a list item
              1. numbered
              Stars *bold* and _em_ and `code` and [link](http://x) \\ and ~~gone~~
            facts:
              note: {type: string?, label: "A | pipe", description: "line with | pipe and ` tick"}
            statuses:
              open: {label: "<i>Open</i> **x**", description: "## not a heading"}
              done: {label: Done, final: true}
            transitions:
              - {id: go, from: start, to: open, mode: automatic, when: "note != null", description: "_under_ *star*"}
              - {id: finish, from: open, to: done, mode: automatic, when: "true"}
            """, file: "hostile.yaml")
        return loaded.policy!
    }()

    @Test func aDescriptionCannotAddADiagramATableOrAHeading() {
        let markdown = PolicyDocs.markdown(for: Self.hostile)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        // One diagram: the generated one.
        #expect(lines.filter { $0.hasPrefix("```") }.count == 2)
        #expect(lines.filter { $0 == "```mermaid" }.count == 1)
        #expect(markdown.contains("\\`\\`\\`mermaid"))
        // No table but the generated ones (their rows start "| `", "| ---" or a heading's words).
        #expect(!lines.contains("| a | b |"))
        #expect(lines.contains("\\| a \\| b \\|"))
        #expect(lines.contains("\\- a list item"))
        #expect(lines.contains("1\\. numbered"))
        #expect(lines.contains("### &lt;i&gt;Open&lt;/i&gt; \\*\\*x\\*\\* (`open`)"))
        #expect(lines.contains("\\## not a heading"))
        #expect(markdown.hasPrefix("# \\# Heading &lt;script&gt;alert(1)&lt;/script&gt;\n"))
        #expect(markdown.contains("Stars \\*bold\\* and \\_em\\_ and \\`code\\` and \\[link\\](http://x) \\\\ and \\~\\~gone\\~\\~"))
        #expect(markdown.contains("| `note` | A \\| pipe | `string?` | empty | line with \\| pipe and \\` tick |"))
        #expect(markdown.contains("_\\_under\\_ \\*star\\*_"))
        #expect(!markdown.contains("<script>") && !markdown.contains("<i>"))
    }

    @Test func theDocumentKeepsTheAuthorsWordsAsTextLeaves() {
        let document = PolicyDocs.document(for: Self.hostile)
        #expect(document.blocks.first == .heading(level: 1, [.text("# Heading <script>alert(1)</script>")]))
        #expect(document.blocks.contains(.paragraph([.text("```mermaid")])))
        #expect(document.blocks.filter { if case .code = $0 { true } else { false } }.count == 1)
    }

    @Test func codeSpansTakeALongerFenceWhenTheyHoldBackticks() {
        #expect(DocMarkdown.inline([.code("a`b")]) == "`` a`b ``")
        #expect(DocMarkdown.inline([.code("plain")]) == "`plain`")
        #expect(DocMarkdown.inline(["snake_case_name and _edge"]) == "snake_case_name and \\_edge")
    }
}
