package import Statute

/// `textDocument/publishDiagnostics`: `statute check`'s diagnostics of a file in the
/// protocol's terms. The message is the checker's; `help` is kept in `data.help` and shown
/// as related information at the diagnostic's own place, as are the notes at theirs. A YAML
/// file that is neither a policy nor a test file gets none (an editor runs the server on
/// every YAML file; `statute check` would call it not a policy).
package enum DiagnosticsFeature {
    /// The notification publishing `file`'s diagnostics.
    package static func notification(for file: ReadFile, version: Int?) -> JSON {
        var params: [String: JSON] = [
            "uri": .string(file.uri),
            "diagnostics": .array(file.isStatuteFile ? file.analysis.diagnostics.map { diagnostic(for: $0, in: file) } : []),
        ]
        if let version { params["version"] = .int(version) }
        return ["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": .object(params)]
    }

    /// The notification clearing a document's diagnostics.
    package static func clearing(_ uri: String) -> JSON {
        ["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": ["uri": .string(uri), "diagnostics": []]]
    }

    /// The range a diagnostic is shown at in `file` (the start of the file for one without
    /// a place there).
    package static func range(of diagnostic: Diagnostic, in file: ReadFile) -> TextRange {
        guard let span = diagnostic.span, span.file == file.file else {
            return TextRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0))
        }
        return file.range(of: span)
    }

    static func diagnostic(for diagnostic: Diagnostic, in file: ReadFile) -> JSON {
        let range = range(of: diagnostic, in: file)
        let here: JSON = ["uri": .string(file.uri), "range": range.json]
        var related: [JSON] = []
        for note in diagnostic.notes {
            let location: JSON = if let span = note.span, span.file == file.file {
                ["uri": .string(file.uri), "range": file.range(of: span).json]
            } else if let span = note.span, span.file.hasPrefix("/"), let text = Workspace.readText(span.file) {
                ["uri": .string(DocumentURI.uri(ofPath: span.file)), "range": SourceLines(text).range(of: span).json]
            } else {
                here
            }
            related.append(["location": location, "message": .string(note.message)])
        }
        if let help = diagnostic.help { related.append(["location": here, "message": .string("help: " + help)]) }
        var json: [String: JSON] = [
            "range": range.json,
            "severity": diagnostic.isError ? 1 : 2,
            "code": .string(diagnostic.code.rawValue),
            "source": "statute",
            "message": .string(diagnostic.message),
        ]
        if !related.isEmpty { json["relatedInformation"] = .array(related) }
        if let help = diagnostic.help { json["data"] = ["help": .string(help)] }
        return .object(json)
    }
}
