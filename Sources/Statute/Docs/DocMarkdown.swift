/// Markdown (CommonMark with GitHub tables) for a ``DocDocument``: what `statute docs` writes.
///
/// Words are escaped so that they stay words: `&`, `<` and `>` as entities (raw HTML in a
/// label shows as text), Markdown's punctuation with a backslash (`` ` ``, `*`, `\`, `[`, `|`,
/// `~`, and `_` where it could open or close emphasis), and a character that would start a
/// heading, list or quote at the start of a block. Line breaks in words become spaces, so a
/// description cannot start a block of its own. Code spans take a fence longer than any run
/// of backticks inside them.
package enum DocMarkdown {
    package static func render(_ document: DocDocument) -> String {
        document.blocks.compactMap(block).joined(separator: "\n\n") + "\n"
    }

    static func block(_ block: DocBlock) -> String? {
        switch block {
        case .heading(let level, let inlines):
            let text = leading(inline(inlines))
            return String(repeating: "#", count: max(1, min(level, 6))) + " "
                + (text.hasSuffix("#") ? String(text.dropLast()) + "\\#" : text)
        case .paragraph(let inlines):
            return inlines.isEmpty ? nil : leading(inline(inlines))
        case .list(let items):
            return items.isEmpty ? nil : items.map { "- " + leading(inline($0)) }.joined(separator: "\n")
        case .table(let header, let rows):
            let line: ([[DocInline]]) -> String = { cells in "| " + cells.map { inline($0) }.joined(separator: " | ") + " |" }
            return ([line(header), "| " + header.map { _ in "---" }.joined(separator: " | ") + " |"] + rows.map(line))
                .joined(separator: "\n")
        case .code(let language, let text):
            var fence = "```"
            while text.contains(fence) { fence += "`" }
            return fence + language + "\n" + text + "\n" + fence
        case .comment(let text):
            return "<!-- " + text.replacingOccurrences(of: "--", with: "- -") + " -->"
        }
    }

    /// Inline content as Markdown.
    package static func inline(_ inlines: [DocInline]) -> String {
        inlines.merged().map { piece in
            switch piece {
            case .text(let text): words(text)
            case .code(let text): codeSpan(text)
            case .strong(let inner): "**" + inline(inner) + "**"
            case .emphasis(let inner, let asterisks): (asterisks ? "*" : "_") + inline(inner) + (asterisks ? "*" : "_")
            }
        }.joined()
    }

    /// Words escaped so that Markdown shows them as written.
    static func words(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.unicodeScalars.reserveCapacity(scalars.count)
        func isWord(_ index: Int) -> Bool {
            guard scalars.indices.contains(index) else { return false }
            return scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index])
        }
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r": out += " "
            case "\\", "`", "*", "[", "]", "|", "~": out += "\\" + String(scalar)
            case "_" where !(isWord(index - 1) && isWord(index + 1)): out += "\\_"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A block's first characters made harmless: leading spaces dropped, and a `#`, `-`, `+`,
    /// `=` or a number followed by `.` or `)` escaped, so the words do not start a heading or list.
    static func leading(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard let first = trimmed.first else { return "" }
        if "#-+=".contains(first) { return "\\" + String(trimmed) }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = trimmed.dropFirst(digits.count).first, after == "." || after == ")" {
            return String(digits) + "\\" + String(trimmed.dropFirst(digits.count))
        }
        return String(trimmed)
    }

    /// `` `x` ``, with a longer fence (and spaces) when `x` holds backticks; line breaks as spaces.
    static func codeSpan(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = longest > 0 || flat.hasPrefix(" ") && flat.hasSuffix(" ") && !flat.allSatisfy({ $0 == " " }) ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
