import Statute

/// `textDocument/codeAction`: a quick fix for every diagnostic in the range whose help
/// says "did you mean `x`?" — the misspelt name replaced by `x`.
package enum CodeActionFeature {
    package static func actions(in file: ReadFile, range: TextRange) -> JSON {
        var actions: [JSON] = []
        for diagnostic in file.analysis.diagnostics {
            guard let help = diagnostic.help, let suggestion = suggestion(in: help) else { continue }
            var target = DiagnosticsFeature.range(of: diagnostic, in: file)
            guard target.touches(range) else { continue }
            // Quotes around a name stay; `settings.` stays when the suggestion is the bare name.
            if let span = diagnostic.span, span.file == file.file { target = file.lines.nameRange(of: span) }
            if target.start == target.end, let word = file.lines.word(at: target.start) { target = word.range }
            guard target.start.line == target.end.line else { continue }
            let written = file.lines.text(in: target)
            let replacement = written.hasPrefix("settings.") && !suggestion.hasPrefix("settings.")
                ? "settings." + suggestion : suggestion
            guard written != replacement else { continue }
            actions.append([
                "title": .string("Change `\(written)` to `\(replacement)`"),
                "kind": "quickfix",
                "isPreferred": true,
                "diagnostics": [DiagnosticsFeature.diagnostic(for: diagnostic, in: file)],
                "edit": ["changes": [file.uri: [["range": target.json, "newText": .string(replacement)]]]],
            ])
        }
        return .array(actions)
    }

    /// `x` in a help text "did you mean `x`?".
    static func suggestion(in help: String) -> String? {
        guard let start = help.range(of: "did you mean `") else { return nil }
        let rest = help[start.upperBound...]
        guard let end = rest.firstIndex(of: "`") else { return nil }
        let name = String(rest[..<end])
        return name.isEmpty ? nil : name
    }
}
