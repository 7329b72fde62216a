/// A generated document — the status reference of `statute docs` — as structure rather than
/// text, so that each output format (Markdown for `statute docs` and the API, HTML for the
/// status console) renders it with its own escaping. A policy author's words are always
/// ``DocInline/text(_:)`` leaves: no label or description can add a heading, a list, a table,
/// a code block or markup to the document, whatever characters it holds.
package struct DocDocument: Sendable, Equatable {
    package var blocks: [DocBlock]

    package init(blocks: [DocBlock]) { self.blocks = blocks }
}

/// One block of a document.
package enum DocBlock: Sendable, Equatable {
    /// A heading, level 1 (the title) to 6.
    case heading(level: Int, [DocInline])
    case paragraph([DocInline])
    /// A bulleted list, one item per element.
    case list([[DocInline]])
    /// A table with a header row; every row has as many cells as the header.
    case table(header: [[DocInline]], rows: [[[DocInline]]])
    /// Generated text shown as written (the Mermaid diagram): `language` names its kind.
    case code(language: String, text: String)
    /// A note for readers of the source (Markdown only; other formats leave it out).
    case comment(String)
}

/// Inline content: words, code, and the two emphases.
package enum DocInline: Sendable, Equatable, ExpressibleByStringLiteral {
    /// Plain words, shown as they are in every format.
    case text(String)
    /// A name or value shown as code.
    case code(String)
    case strong([DocInline])
    /// Emphasis; `asterisks` picks Markdown's `*x*` over `_x_` (the same on a rendered page).
    case emphasis([DocInline], asterisks: Bool = false)

    package init(stringLiteral value: String) { self = .text(value) }

    /// `text` with control and bidirectional-override characters shown as escapes, as every
    /// output of `statute` shows them (docs/reliability.md).
    package static func visible(_ text: String) -> String {
        Escaping.controlCharacters(text, keepingNewlines: true)
    }

    /// A generated message (a diagnostic's, say) whose backticks mark names: `` `x` `` becomes code,
    /// the rest words. An unpaired backtick stays a character of the words.
    package static func message(_ text: String) -> [DocInline] {
        var out: [DocInline] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "`") else { break }
            if open > rest.startIndex { out.append(.text(String(rest[..<open]))) }
            out.append(.code(String(after[..<close])))
            rest = after[after.index(after: close)...]
        }
        if !rest.isEmpty { out.append(.text(String(rest))) }
        return out.merged()
    }
}

extension Array where Element == DocInline {
    /// Adjacent words joined into one leaf (so each renderer sees whole runs of text).
    package func merged() -> [DocInline] {
        var out: [DocInline] = []
        for inline in self {
            switch (out.last, inline) {
            case (.text(let a)?, .text(let b)):
                out[out.count - 1] = .text(a + b)
            case (_, .text(let b)) where b.isEmpty:
                continue
            case (_, .strong(let inner)):
                out.append(.strong(inner.merged()))
            case (_, .emphasis(let inner, let asterisks)):
                out.append(.emphasis(inner.merged(), asterisks: asterisks))
            default:
                out.append(inline)
            }
        }
        return out
    }

    /// The words only, markup dropped (for a heading's anchor, say).
    package var plainText: String {
        map { inline in
            switch inline {
            case .text(let text), .code(let text): text
            case .strong(let inner), .emphasis(let inner, _): inner.plainText
            }
        }.joined()
    }

    /// `items` joined by `separator`.
    package static func joined(_ items: [[DocInline]], separator: DocInline) -> [DocInline] {
        var out: [DocInline] = []
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(separator) }
            out += item
        }
        return out
    }
}
