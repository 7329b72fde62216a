import Statute

/// HTML for a generated document (the status reference `statute docs` writes, as
/// ``DocDocument``): headings one level below the page's own `<h1>`, with anchors;
/// paragraphs, lists, tables and code; the Mermaid diagram replaced by the drawn one.
/// Every word is HTML-escaped once; only the tags written here reach the page.
enum DocHTML {
    /// The document's blocks as HTML; a title heading (level 1) is left out (the page has its own),
    /// and so are comments. A `mermaid` code block becomes `diagram` when given.
    static func render(_ document: DocDocument, diagram: String? = nil) -> String {
        document.blocks.compactMap { block -> String? in
            switch block {
            case .heading(let level, let inlines):
                guard level > 1 else { return nil }
                let tag = "h\(min(level + 1, 6))"
                return "<\(tag) id=\"\(anchor(inlines.plainText))\">" + inline(inlines) + "</\(tag)>"
            case .paragraph(let inlines):
                return inlines.isEmpty ? nil : "<p>" + inline(inlines) + "</p>"
            case .list(let items):
                guard !items.isEmpty else { return nil }
                return "<ul>\n" + items.map { "<li>" + inline($0) + "</li>" }.joined(separator: "\n") + "\n</ul>"
            case .table(let header, let rows):
                return "<div class=\"table\"><table>\n<thead><tr>"
                    + header.map { "<th scope=\"col\">" + inline($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                    + rows.map { "<tr>" + $0.map { "<td>" + inline($0) + "</td>" }.joined() + "</tr>" }.joined(separator: "\n")
                    + "\n</tbody></table></div>"
            case .code(let language, let text):
                if language == "mermaid", let diagram { return diagram }
                return "<pre><code>" + HTML.escape(DocInline.visible(text)) + "</code></pre>"
            case .comment:
                return nil
            }
        }.joined(separator: "\n")
    }

    /// Inline content as HTML.
    static func inline(_ inlines: [DocInline]) -> String {
        inlines.map { piece in
            switch piece {
            case .text(let text): HTML.escape(DocInline.visible(text))
            case .code(let text): "<code>" + HTML.escape(DocInline.visible(text)) + "</code>"
            case .strong(let inner): "<strong>" + inline(inner) + "</strong>"
            case .emphasis(let inner, _): "<em>" + inline(inner) + "</em>"
            }
        }.joined()
    }

    /// A message whose backticks mark names (a form error, say): escaped, names as `<code>`.
    static func message(_ text: String) -> String { inline(DocInline.message(text)) }

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
