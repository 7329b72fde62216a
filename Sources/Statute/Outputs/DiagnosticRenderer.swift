import StatuteCore

/// The output formats of diagnostics (`statute check --format`).
public enum DiagnosticFormat: String, Hashable, Sendable, CaseIterable {
    /// `text`: rustc-style, with the source line and a caret run; `json`: an object with `diagnostics`,
    /// `errors` and `warnings`; `github`: GitHub Actions `::error`/`::warning` workflow commands.
    case text, json, github
}

/// Turns diagnostics into text for people (rustc style), JSON for programs, or GitHub
/// Actions workflow commands. Pure: it returns strings and never prints.
///
/// The text format shows the offending source line; the renderer asks `sources` for a
/// file's text by the name in the span (the CLI reads the file; tests pass text).
public struct DiagnosticRenderer {
    /// The full text of a file by the name used in spans, or `nil` when unavailable
    /// (the diagnostic is then shown without its source line).
    public typealias SourceLookup = (String) -> String?

    private let sources: SourceLookup
    private var cache: [String: [Substring]?] = [:]
    /// Colour for the text format (default: none); see ``TextStyle``.
    public var style: TextStyle = .plain

    /// Creates a renderer; `sources` supplies a file's text for the text format (by default none, so no source lines).
    public init(sources: @escaping SourceLookup = { _ in nil }) {
        self.sources = sources
    }

    /// Renders diagnostics in `format`; `files` is how many files were read, for the
    /// text format's summary line (`nil`: no summary).
    public mutating func render(_ diagnostics: [Diagnostic], format: DiagnosticFormat, files: Int? = nil) -> String {
        switch format {
        case .text:
            var output = diagnostics.map { text($0) }.joined(separator: "\n")
            if let files {
                if !output.isEmpty { output += "\n" }
                output += DiagnosticRenderer.paintedSummary(DiagnosticRenderer.summary(diagnostics, files: files), style: style) + "\n"
            }
            return output
        case .json:
            return DiagnosticRenderer.json(diagnostics).rendered(pretty: true) + "\n"
        case .github:
            return diagnostics.map { DiagnosticRenderer.github($0) + "\n" }.joined()
        }
    }

    // MARK: - Text

    /// One diagnostic, rustc style, ending with a newline:
    ///
    /// ```
    /// policies/x.yaml:61:9: error[unknown-status]: unknown status `currnet`
    ///    |
    /// 61 |     to: currnet
    ///    |         ^^^^^^^
    /// help: did you mean `current`?
    /// ```
    ///
    /// Text from files is made safe to show (docs/reliability.md): control characters in the message,
    /// the help and the file name are escaped, the source line shows them as `�`, and a
    /// long source line is cut to a window of about ``sourceWindow`` columns around the
    /// caret. The content of a file that is not a policy (`not-a-policy`) is never shown.
    public mutating func text(_ diagnostic: Diagnostic) -> String {
        var output = Escaping.controlCharacters(diagnostic.description) + "\n"
        var gutter = " "
        if let span = diagnostic.span, diagnostic.code != .notAPolicy, let line = sourceLine(span.file, span.start.line) {
            let number = String(span.start.line)
            gutter = String(repeating: " ", count: number.count + 1)
            let endColumn = span.end.line == span.start.line ? span.end.column : Int.max
            let window = SourceWindow(line: line, start: span.start.column, end: endColumn, width: Self.sourceWindow)
            output += "\(gutter)|\n"
            output += "\(number) | \(window.text)".trimmingTrailingSpaces() + "\n"
            output += "\(gutter)| " + String(repeating: " ", count: window.caretCell)
                + String(repeating: "^", count: window.carets) + "\n"
        }
        if let help = diagnostic.help {
            output += "help: \(Escaping.controlCharacters(help))\n"
        }
        output += notesText(diagnostic)
        return DiagnosticRenderer.painted(output, diagnostic, style: style)
    }

    /// Each note as `file:line:column: note: message`, with its source line and carets
    /// when the file is at hand.
    private mutating func notesText(_ diagnostic: Diagnostic) -> String {
        var output = ""
        for note in diagnostic.notes {
            let place = note.span.map { "\($0.file):\($0.start.line):\($0.start.column): " } ?? ""
            var shown = Diagnostic(.warning, "note", note.message, at: note.span)
            shown.help = nil
            // Reuse the source-line rendering of a diagnostic; replace its head line.
            let saved = style
            style = .plain
            defer { style = saved }
            let body = text(shown).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            output += Escaping.controlCharacters("\(place)note: \(note.message)") + "\n" + (body.count > 1 ? String(body[1]) : "")
        }
        return output
    }

    /// About how many columns of a source line are shown under a diagnostic.
    package static let sourceWindow = 120

    /// `error: 2 errors, 1 warning in 3 files`, or `ok: 3 files checked, no problems`.
    public static func summary(_ diagnostics: [Diagnostic], files: Int) -> String {
        let errors = diagnostics.filter(\.isError).count
        let warnings = diagnostics.count - errors
        let inFiles = "in \(files) file\(files == 1 ? "" : "s")"
        if errors == 0 && warnings == 0 {
            return "ok: \(files) file\(files == 1 ? "" : "s") checked, no problems"
        }
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return "\(errors > 0 ? "error" : "warning"): \(parts.joined(separator: ", ")) \(inFiles)"
    }

    private mutating func sourceLine(_ file: String, _ number: Int) -> Substring? {
        if cache[file] == nil {
            cache[file] = .some(sources(file).map(DiagnosticRenderer.lines(of:)))
        }
        guard let lines = cache[file] ?? nil, number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }

    /// Splits text into lines at `\n`, `\r\n` or `\r`, as YAML counts them.
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var index = start
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(Substring(scalars[start..<index]))
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        lines.append(Substring(scalars[start..<scalars.endIndex]))
        return lines
    }

    // MARK: - JSON

    /// `{"diagnostics": [...], "errors": n, "warnings": n}`, keys in the documented order (docs/cli.md); `help`
    /// only when present; `file`, `line`, `column` null for a diagnostic with no position.
    public static func json(_ diagnostics: [Diagnostic]) -> JSONValue {
        let errors = diagnostics.filter(\.isError).count
        return .object([
            ("diagnostics", .array(diagnostics.map(json(_:)))),
            ("errors", .int(errors)),
            ("warnings", .int(diagnostics.count - errors)),
        ])
    }

    /// One diagnostic as a JSON object.
    public static func json(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.rawValue)),
            ("message", .string(diagnostic.message)),
            ("file", .text(diagnostic.span?.file)),
            ("line", diagnostic.span.map { .int($0.start.line) } ?? .null),
            ("column", diagnostic.span.map { .int($0.start.column) } ?? .null),
            ("end_line", diagnostic.span.map { .int($0.end.line) } ?? .null),
            ("end_column", diagnostic.span.map { .int($0.end.column) } ?? .null),
        ]
        if let help = diagnostic.help { members.append(("help", .string(help))) }
        if !diagnostic.notes.isEmpty {
            members.append(("notes", .array(diagnostic.notes.map { note in
                .object([
                    ("message", .string(note.message)),
                    ("file", .text(note.span?.file)),
                    ("line", note.span.map { .int($0.start.line) } ?? .null),
                    ("column", note.span.map { .int($0.start.column) } ?? .null),
                    ("end_line", note.span.map { .int($0.end.line) } ?? .null),
                    ("end_column", note.span.map { .int($0.end.column) } ?? .null),
                ])
            })))
        }
        return .object(members)
    }

    // MARK: - GitHub

    /// `::error file=F,line=L,col=C::message [code]`, escaped as GitHub requires; the
    /// help, if any, on a second line of the message.
    public static func github(_ diagnostic: Diagnostic) -> String {
        var properties: [String] = []
        if let span = diagnostic.span {
            properties = ["file=\(escapeProperty(span.file))", "line=\(span.start.line)", "col=\(span.start.column)",
                          "endLine=\(span.end.line)", "endColumn=\(span.end.column)"]
        }
        var message = "\(diagnostic.message) [\(diagnostic.code.rawValue)]"
        if let help = diagnostic.help { message += "\nhelp: \(help)" }
        for note in diagnostic.notes {
            let place = note.span.map { "\($0.file):\($0.start.line):\($0.start.column): " } ?? ""
            message += "\n\(place)note: \(Escaping.controlCharacters(note.message))"
        }
        let head = properties.isEmpty ? "" : " " + properties.joined(separator: ",")
        return "::\(diagnostic.severity.rawValue)\(head)::\(escapeData(message))"
    }

    /// Escapes a workflow command's message: `%`, CR and LF as GitHub requires, and every
    /// other control character as a visible escape (`\u001B`).
    package static func escapeData(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default:
                if Escaping.isUnsafe(scalar) { output += Escaping.hex(scalar) } else { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// Escapes a workflow command's property value: as data, plus `:` and `,`.
    package static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last == " " { scalars.removeLast() }
        return String(scalars)
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var output = ""
        for character in self {
            if character == target { output += replacement } else { output.append(character) }
        }
        return output
    }
}
