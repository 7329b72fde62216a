import StatuteCore
import Testing
@testable import StatuteYAML

/// libyaml's raw words for an indentation mistake get a help line that says so.
@Suite struct IndentationHintTests {
    static let cases: [(String, String)] = [
        // A key of a list item written in the column of the dash (a common slip in test files).
        ("tests:\n  - name: x\n  expect: y\n", "did not find expected `-` indicator"),
        // A list item indented less than its siblings.
        ("transitions:\n  - id: a\n    to: b\n - id: c\n", "did not find expected key"),
        // A key indented deeper than its siblings, inside a mapping value.
        ("statuses:\n  active:\n    label: Active\n      final: true\n", "mapping values are not allowed in this context"),
    ]

    @Test(arguments: cases)
    func indentationMistakesGetAHelpLineAboutIndentation(text: String, message: String) throws {
        let read = YAMLReader.read(bytes: Array(text.utf8), file: "p.yaml")
        let diagnostic = try #require(read.diagnostics.first { $0.code == .yamlSyntax })
        #expect(diagnostic.message.hasPrefix(message))
        #expect(diagnostic.help?.contains("indentation") == true)
    }

    @Test func otherSyntaxErrorsDoNotMentionIndentation() throws {
        let read = YAMLReader.read(bytes: Array("name: \"unterminated\n".utf8), file: "p.yaml")
        let diagnostic = try #require(read.diagnostics.first { $0.code == .yamlSyntax })
        #expect(diagnostic.help?.contains("indentation") != true)
    }
}
