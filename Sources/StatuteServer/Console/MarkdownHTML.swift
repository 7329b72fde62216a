import Foundation

/// HTML from the Markdown subset that `statute docs` writes (PolicyDocs): headings,
/// paragraphs, pipe tables, `-` lists, fenced code blocks and HTML comments, with inline
/// `code`, **bold** and _emphasis_. Every piece of text is HTML-escaped first; only the
/// tags this renderer writes reach the page.
enum MarkdownHTML {
    /// Renders `markdown`; a fenced block whose language is `mermaid` is replaced by
    /// `diagram` (already HTML) when given, else shown as code.
    static func render(_ markdown: String, diagram: String? = nil) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var list: [String] = []
        var table: [[String]] = []
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0

        func flush() {
            if !paragraph.isEmpty { out.append("<p>" + inline(paragraph.joined(separator: " ")) + "</p>") }
            if !list.isEmpty { out.append("<ul>\n" + list.map { "<li>" + inline($0) + "</li>" }.joined(separator: "\n") + "\n</ul>") }
            if !table.isEmpty { out.append(tableHTML(table)) }
            paragraph = []; list = []; table = []
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            index += 1
            if trimmed.hasPrefix("```") {
                flush()
                let language = String(trimmed.dropFirst(3))
                var code: [String] = []
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    code.append(lines[index])
                    index += 1
                }
                index += 1
                if language == "mermaid", let diagram {
                    out.append(diagram)
                } else {
                    out.append("<pre><code>" + HTML.escape(code.joined(separator: "\n")) + "</code></pre>")
                }
            } else if trimmed.hasPrefix("<!--") {
                flush()
                while index <= lines.count, !lines[index - 1].contains("-->") { index += 1 }
            } else if trimmed.isEmpty {
                flush()
            } else if let level = headingLevel(trimmed) {
                flush()
                // Page headings sit below the console's own <h1>: `#` becomes <h2>.
                let tag = "h\(min(level + 1, 6))"
                let text = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                out.append("<\(tag) id=\"\(anchor(text))\">" + inline(text) + "</\(tag)>")
            } else if trimmed.hasPrefix("|") {
                if !paragraph.isEmpty || !list.isEmpty { flush() }
                table.append(cells(trimmed))
            } else if trimmed.hasPrefix("- ") {
                if !paragraph.isEmpty || !table.isEmpty { flush() }
                list.append(String(trimmed.dropFirst(2)))
            } else if !list.isEmpty, line.hasPrefix("  ") {
                list[list.count - 1] += " " + trimmed
            } else {
                if !list.isEmpty || !table.isEmpty { flush() }
                paragraph.append(trimmed)
            }
        }
        flush()
        return out.joined(separator: "\n")
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// An id for a heading: lower-case letters and digits joined by `-`.
    static func anchor(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isLetter && character.isASCII || character.isNumber && character.isASCII {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "section" : out
    }

    /// The cells of a table row; `\|` is a pipe inside a cell.
    private static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row.dropFirst() {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { cells.append(current.trimmingCharacters(in: .whitespaces)) }
        return cells
    }

    private static func tableHTML(_ rows: [[String]]) -> String {
        let isRule: ([String]) -> Bool = { $0.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { "-: ".contains($0) } } }
        var header: [String]? = nil
        var body = rows
        if rows.count >= 2, isRule(rows[1]) {
            header = rows[0]
            body = Array(rows.dropFirst(2))
        }
        var html = "<div class=\"table\"><table>\n"
        if let header {
            html += "<thead><tr>" + header.map { "<th scope=\"col\">" + inline($0) + "</th>" }.joined() + "</tr></thead>\n"
        }
        html += "<tbody>\n" + body.map { "<tr>" + $0.map { "<td>" + inline($0) + "</td>" }.joined() + "</tr>" }
            .joined(separator: "\n") + "\n</tbody></table></div>"
        return html
    }

    /// Inline markup: `code` (taken literally), **bold**, _emphasis_ at word edges.
    /// With `emphasis: false` only `code` is marked (for messages, which name things in backticks).
    static func inline(_ text: String, emphasis marks: Bool = true) -> String {
        let emphasis: (String) -> String = marks ? { Self.emphasis($0) } : { $0 }
        var out = ""
        var rest = Substring(text)
        while let tick = rest.firstIndex(of: "`") {
            out += emphasis(HTML.escape(String(rest[..<tick])))
            let after = rest[rest.index(after: tick)...]
            guard let close = after.firstIndex(of: "`") else {
                rest = rest[tick...]
                out += emphasis(HTML.escape(String(rest)))
                return out
            }
            out += "<code>" + HTML.escape(String(after[..<close])) + "</code>"
            rest = after[after.index(after: close)...]
        }
        return out + emphasis(HTML.escape(String(rest)))
    }

    /// `**x**` → <strong>, `_x_` (at word edges) → <em>, in already-escaped text.
    private static func emphasis(_ escaped: String) -> String {
        var text = replacePairs(escaped, marker: "**", open: "<strong>", close: "</strong>", wordEdges: false)
        text = replacePairs(text, marker: "_", open: "<em>", close: "</em>", wordEdges: true)
        return text
    }

    private static func replacePairs(_ text: String, marker: String, open: String, close: String, wordEdges: Bool) -> String {
        var parts = text.components(separatedBy: marker)
        guard parts.count >= 3 else { return text }
        var out = parts.removeFirst()
        var opened = false
        while !parts.isEmpty {
            let part = parts.removeFirst()
            if !opened {
                // An opening marker needs text after it and, for `_`, no letter before it.
                let before = out.last
                let canOpen = !parts.isEmpty && !part.isEmpty && !(part.first?.isWhitespace ?? true)
                    && (!wordEdges || before == nil || !(before!.isLetter || before!.isNumber))
                if canOpen { out += open + part; opened = true } else { out += marker + part }
            } else {
                let canClose = !(out.last?.isWhitespace ?? true)
                    && (!wordEdges || part.first == nil || !(part.first!.isLetter || part.first!.isNumber))
                if canClose { out += close + part; opened = false } else { out += marker + part }
            }
        }
        if opened, let range = out.range(of: open, options: .backwards) {
            out.replaceSubrange(range, with: marker)
        }
        return out
    }
}

/// HTML escaping for text and attribute values.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
