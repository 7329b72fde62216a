import Foundation
import StatuteCore
import StatuteYAML

/// An expression written unquoted after `guard:`, `when:` or `at:` can read as YAML
/// rather than as an expression: `!book.available` is a YAML tag, and the `: ` of
/// `a > 0 ? x : null` starts a mapping. The YAML reader then reports a tag or a syntax
/// error whose own help ("remove the tag", "an indentation mistake") misleads; on such
/// lines the help says instead to quote the expression, with the line's own text quoted.
enum ExpressionQuoteHints {
    /// The keys whose values are always expressions.
    static let expressionKeys: Set<String> = ["guard", "when", "at"]

    /// `read` with the help of its tag and syntax errors on expression lines replaced.
    static func adjusting(_ read: consuming YAMLReadResult, source bytes: [UInt8]) -> YAMLReadResult {
        let diagnostics = read.diagnostics
        guard diagnostics.contains(where: { $0.code == .yamlTag || $0.code == .yamlSyntax }) else { return read }
        // Only a policy's lines are quoted (it has a `statute:` line); nothing of another file is.
        guard isPolicyText(bytes) else { return read }
        var lines: [String]?
        let adjusted = diagnostics.map { diagnostic -> Diagnostic in
            guard diagnostic.code == .yamlTag || diagnostic.code == .yamlSyntax,
                  let line = diagnostic.span?.start.line else { return diagnostic }
            if lines == nil {
                lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                    String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
                }
            }
            guard let lines, line >= 1, line <= lines.count,
                  let (key, value) = expressionEntry(Substring(lines[line - 1])) else { return diagnostic }
            var changed = diagnostic
            changed.help = "an expression that starts with `!` or holds `: ` reads as YAML; quote the expression: "
                + "`\(key): \"\(quoted(value))\"`"
            return changed
        }
        return YAMLReadResult(root: read.root, diagnostics: adjusted)
    }

    /// `guard: !book.available` → (`guard`, `!book.available`), for the expression keys only.
    static func expressionEntry(_ line: Substring) -> (String, String)? {
        var rest = line.drop { $0 == " " }
        while rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let key = String(rest[..<colon])
        guard expressionKeys.contains(key) else { return nil }
        let value = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, !value.hasPrefix("\""), !value.hasPrefix("'") else { return nil }
        return (key, value)
    }

    /// Whether a line of the text starts with `statute:`.
    static func isPolicyText(_ bytes: [UInt8]) -> Bool {
        let key = Array("statute:".utf8)
        var lineStart = 0
        while lineStart + key.count <= bytes.count {
            if bytes[lineStart..<lineStart + key.count].elementsEqual(key) { return true }
            guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { return false }
            lineStart = newline + 1
        }
        return false
    }

    /// The text inside double quotes: `\` and `"` escaped, cut to a readable length.
    static func quoted(_ text: String) -> String {
        let cut = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return cut.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
