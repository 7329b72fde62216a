import StatuteCore

/// Colour for the text format, applied to the plain rendering line by line, so the
/// layout (source windows, escaping) stays in one place and colour cannot change it.
extension DiagnosticRenderer {
    /// `block` (one diagnostic in the text format) painted with `style`: the severity
    /// and code in the severity's colour, the message bold, the gutter blue, the carets
    /// in the severity's colour, `help:` cyan and `note:` green.
    static func painted(_ block: String, _ diagnostic: Diagnostic, style: TextStyle) -> String {
        guard style.colored else { return block }
        let head = "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]: "
        var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inNote = false
        for index in lines.indices {
            let line = lines[index]
            if index == 0, let range = line.range(of: head) {
                let label = String(head.dropLast(2))
                lines[index] = String(line[..<range.lowerBound]) + style.severity(diagnostic.severity, label) + ": "
                    + style.bold(String(line[range.upperBound...]))
            } else if line.hasPrefix("help: ") {
                lines[index] = style.help("help:") + String(line.dropFirst(5))
            } else if let range = line.range(of: ": note: "), index > 0, !line.hasPrefix(" ") {
                inNote = true
                lines[index] = String(line[..<range.lowerBound]) + ": " + style.success("note:") + " "
                    + String(line[range.upperBound...])
            } else if let bar = gutterEnd(line) {
                let gutter = String(line[..<bar]), rest = String(line[bar...])
                let isCarets = !rest.isEmpty && rest.allSatisfy { $0 == " " || $0 == "^" } && rest.contains("^")
                let carets = inNote ? style.success(rest) : style.severity(diagnostic.severity, rest)
                lines[index] = style.gutter(gutter) + (isCarets ? carets : rest)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The end of a source-line gutter (`12 |` or `   |`), just after the bar.
    private static func gutterEnd(_ line: String) -> String.Index? {
        var index = line.startIndex
        while index < line.endIndex, line[index] == " " || line[index].isNumber { index = line.index(after: index) }
        guard index < line.endIndex, line[index] == "|", index > line.startIndex else { return nil }
        return line.index(after: index)
    }

    /// The summary line's first word (`ok:`, `warning:`, `error:`) in its colour.
    static func paintedSummary(_ line: String, style: TextStyle) -> String {
        guard style.colored, let colon = line.firstIndex(of: ":") else { return line }
        let word = String(line[...colon]), rest = String(line[line.index(after: colon)...])
        let painted = word == "ok:" ? style.success(word) : word == "error:" ? style.error(word) : style.warning(word)
        return painted + rest
    }
}
