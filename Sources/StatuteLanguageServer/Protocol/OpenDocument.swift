import Statute

/// A document the editor has open: its text, version, and what was last read from it.
package struct OpenDocument: Sendable {
    /// The editor's URI for it.
    package let uri: String
    /// The name diagnostics and the checker use: the file's path for a `file:` URI, else the URI.
    package let file: String
    /// The editor's version number, raised with each change.
    package var version: Int
    /// The text and its lines.
    package var lines: SourceLines

    package init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.file = DocumentURI.path(of: uri) ?? uri
        self.version = version
        self.lines = SourceLines(text)
    }

    package var text: String { lines.text }

    /// Applies one `contentChanges` entry: a whole new text, or a range replaced. `false`
    /// when the entry is malformed (the text is left as it was).
    package mutating func apply(change: JSON) -> Bool {
        guard let newText = change["text"]?.string else { return false }
        guard let rangeJSON = change["range"] else {
            lines = SourceLines(newText)
            return true
        }
        guard let range = TextRange(rangeJSON) else { return false }
        let start = lines.index(of: range.start)
        let end = max(start, lines.index(of: range.end))
        var text = lines.text
        text.unicodeScalars.replaceSubrange(start..<end, with: newText.unicodeScalars)
        lines = SourceLines(text)
        return true
    }
}
