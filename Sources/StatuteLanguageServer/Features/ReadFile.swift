package import Statute

/// A policy or test file read for the editor: its text, what the checker found, and the
/// names written in it.
package struct ReadFile: Sendable {
    /// The URI the editor knows it by.
    package let uri: String
    /// Its path (or the URI, for a document that is not a file).
    package let file: String
    package let lines: SourceLines
    package let analysis: EditorAnalysis
    package let index: SymbolIndex

    /// Reads `text`; a test file's policy comes from `policyTexts` (open buffers by canonical path) or disk.
    package init(uri: String, file: String, text: String, policyTexts: [String: [UInt8]]) {
        self.uri = uri
        self.file = file
        self.lines = SourceLines(text)
        let analysis = EditorAnalysis(text: text, file: file, policyTexts: policyTexts)
        self.analysis = analysis
        if let document = analysis.policyDocument {
            index = SymbolIndex(policy: document)
        } else if let testFile = analysis.testFile {
            index = SymbolIndex(testFile: testFile)
        } else {
            index = SymbolIndex()
        }
    }

    package var isPolicy: Bool { analysis.kind == .policy }

    /// Whether the text is meant as a policy or test file: it was read as one, or a line
    /// starts with `statute:` or `tests:` (half-typed YAML that cannot be read yet). Other
    /// YAML files an editor opens (a CI workflow, a compose file) get no diagnostics.
    package var isStatuteFile: Bool {
        analysis.kind != .other || (0..<lines.lineCount).contains { line in
            let text = lines.line(line)
            return text.hasPrefix("statute:") || text.hasPrefix("tests:")
        }
    }
    package var isTestFile: Bool { analysis.kind == .testFile }

    /// The canonical path of the policy this test file names, when it may be read.
    package var testedPolicyPath: String? {
        analysis.testFile.flatMap(EditorAnalysis.policyPath(of:))
    }

    /// The protocol range of a span of this file.
    package func range(of span: SourceSpan) -> TextRange { lines.range(of: span) }
}
