package import Statute

/// A position as the protocol counts it: a 0-based line and a 0-based offset in UTF-16
/// code units within that line.
package struct Position: Hashable, Sendable, Comparable {
    package var line: Int
    package var character: Int

    package init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    package init?(_ json: JSON?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int else { return nil }
        self.init(line: line, character: character)
    }

    package var json: JSON { ["line": .int(line), "character": .int(character)] }

    package static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }
}

/// A range of the protocol: `start` inclusive, `end` exclusive.
package struct TextRange: Hashable, Sendable {
    package var start: Position
    package var end: Position

    package init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    package init?(_ json: JSON?) {
        guard let start = Position(json?["start"]), let end = Position(json?["end"]) else { return nil }
        self.init(start: start, end: end)
    }

    package var json: JSON { ["start": start.json, "end": end.json] }

    /// Whether the two ranges share a position (touching ends count).
    package func touches(_ other: TextRange) -> Bool { !(end < other.start || other.end < start) }

    /// Whether `position` is inside the range, its end included.
    package func contains(_ position: Position) -> Bool { start <= position && position <= end }
}

/// A document's text with its lines: the one place where the protocol's positions (0-based
/// lines, UTF-16 code units) and Statute's (1-based lines, 1-based columns in Unicode
/// scalars) are converted into each other, and into indexes of the text for edits.
///
/// Lines end at `\n`, `\r\n` or `\r`, as in the protocol and in libyaml. Positions past the
/// end of a line or of the text are clamped to it; an offset inside a surrogate pair is
/// taken as the scalar's start.
package struct SourceLines: Sendable {
    package let text: String
    /// The scalars of each line, without its line break.
    private let lines: [Substring.UnicodeScalarView]
    /// Where each line starts in `text`.
    private let starts: [String.Index]

    package init(_ text: String) {
        self.text = text
        var lines: [Substring.UnicodeScalarView] = []
        var starts: [String.Index] = []
        let scalars = text.unicodeScalars
        var lineStart = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(scalars[lineStart..<index])
                starts.append(lineStart)
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                index = next
                lineStart = next
            } else {
                index = scalars.index(after: index)
            }
        }
        lines.append(scalars[lineStart..<scalars.endIndex])
        starts.append(lineStart)
        self.lines = lines
        self.starts = starts
    }

    /// How many lines the text has (a text ending in a line break has an empty last line).
    package var lineCount: Int { lines.count }

    /// The text of the 0-based line `line`, without its break (empty past the end).
    package func line(_ line: Int) -> String {
        lines.indices.contains(line) ? String(String.UnicodeScalarView(lines[line])) : ""
    }

    // MARK: Statute → protocol

    /// The protocol position of a Statute location.
    package func position(of location: SourceLocation) -> Position {
        let line = min(max(location.line - 1, 0), lines.count - 1)
        var units = 0
        var column = 1
        for scalar in lines[line] {
            if column >= location.column { break }
            units += scalar.utf16Count
            column += 1
        }
        return Position(line: line, character: units)
    }

    /// The protocol range of a Statute span.
    package func range(of span: SourceSpan) -> TextRange {
        TextRange(start: position(of: span.start), end: position(of: span.end))
    }

    /// The range of a name written at `span`, without the quotes of a quoted scalar: what a
    /// rename replaces.
    package func nameRange(of span: SourceSpan) -> TextRange {
        var range = range(of: span)
        guard range.start.line == range.end.line else { return range }
        let written = Array(lines[range.start.line])
        let first = scalarIndex(written, utf16: range.start.character)
        let last = scalarIndex(written, utf16: range.end.character)
        if last - first >= 2, let open = written[safe: first], let close = written[safe: last - 1],
           open == close, open == "\"" || open == "'" {
            range.start.character += 1
            range.end.character -= 1
        }
        return range
    }

    // MARK: Protocol → Statute

    /// The Statute location of a protocol position.
    package func location(of position: Position) -> SourceLocation {
        let line = min(max(position.line, 0), lines.count - 1)
        let scalars = Array(lines[line])
        let column = position.line >= lines.count ? scalars.count : scalarIndex(scalars, utf16: position.character)
        return SourceLocation(line: line + 1, column: column + 1)
    }

    /// The index in `text` of a protocol position (for applying an edit).
    package func index(of position: Position) -> String.Index {
        guard position.line >= 0 else { return text.startIndex }
        guard position.line < lines.count else { return text.endIndex }
        var index = starts[position.line]
        var units = 0
        let line = lines[position.line]
        let scalars = text.unicodeScalars
        var cursor = line.startIndex
        while cursor < line.endIndex {
            let width = line[cursor].utf16Count
            if units + width > position.character { break }
            units += width
            cursor = line.index(after: cursor)
            index = scalars.index(after: index)
        }
        return index
    }

    /// The text between two protocol positions.
    package func text(in range: TextRange) -> String {
        let start = index(of: range.start)
        let end = max(start, index(of: range.end))
        return String(text.unicodeScalars[start..<end])
    }

    // MARK: Words

    /// The identifier or dotted name (`program.require_approval`, `settings.x`) that ends
    /// at `position` on its line, and its range (empty at a position after no name).
    /// `dashes`: whether `-` belongs to the name (transition ids), as it does not in an expression.
    package func word(before position: Position, dashes: Bool = true) -> (text: String, range: TextRange) {
        let line = min(max(position.line, 0), lines.count - 1)
        let scalars = Array(lines[line])
        let end = scalarIndex(scalars, utf16: position.character)
        var start = end
        while start > 0, Self.isNameScalar(scalars[start - 1]), dashes || scalars[start - 1] != "-" { start -= 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<end]))
        return (text, TextRange(start: Position(line: line, character: utf16(scalars, upTo: start)),
                                end: Position(line: line, character: utf16(scalars, upTo: end))))
    }

    /// The identifier or dotted name around `position`, and its range; `nil` when there is none.
    package func word(at position: Position) -> (text: String, range: TextRange)? {
        let line = min(max(position.line, 0), lines.count - 1)
        let scalars = Array(lines[line])
        let at = scalarIndex(scalars, utf16: position.character)
        var start = at, end = at
        while start > 0, Self.isNameScalar(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, Self.isNameScalar(scalars[end]) { end += 1 }
        guard start < end else { return nil }
        return (String(String.UnicodeScalarView(scalars[start..<end])),
                TextRange(start: Position(line: line, character: utf16(scalars, upTo: start)),
                          end: Position(line: line, character: utf16(scalars, upTo: end))))
    }

    /// The text of the line of `position` up to it.
    package func linePrefix(before position: Position) -> String {
        let line = min(max(position.line, 0), lines.count - 1)
        let scalars = Array(lines[line])
        let end = position.line >= lines.count ? scalars.count : scalarIndex(scalars, utf16: position.character)
        return String(String.UnicodeScalarView(scalars[0..<end]))
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-": true
        default: false
        }
    }

    /// How many scalars of `scalars` lie before the UTF-16 offset `units` (clamped).
    private func scalarIndex(_ scalars: [Unicode.Scalar], utf16 units: Int) -> Int {
        var count = 0
        var index = 0
        while index < scalars.count {
            let width = scalars[index].utf16Count
            if count + width > units { break }
            count += width
            index += 1
        }
        return index
    }

    private func utf16(_ scalars: [Unicode.Scalar], upTo end: Int) -> Int {
        scalars[0..<end].reduce(0) { $0 + $1.utf16Count }
    }
}

extension Unicode.Scalar {
    var utf16Count: Int { value > 0xFFFF ? 2 : 1 }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
