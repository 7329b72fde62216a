import StatuteCore

/// Maps each Unicode scalar of a scalar's *value* back to its line and column in the file.
///
/// libyaml gives only the start and end marks of a scalar; its value may differ from its
/// text in the file by quotes, escapes, folded line breaks and block indentation. The
/// locator re-reads the raw text between the marks as a list of *units* — each a
/// character the value may contain, with its location — following the rules of the
/// scalar's style (an escape is one unit at its backslash, `''` one unit at its first
/// quote, indentation and stripped whitespace no unit at all), then aligns the value
/// with the units in order. Folding only turns line breaks into spaces or fewer breaks
/// and drops whitespace, so the value is a subsequence of the units; if an alignment
/// ever fails, the rest of the value is placed just after the last character that was
/// found. The whole mapping is linear in the size of the scalar.
enum ScalarLocator {
    static func embeddedText(value: String, style: YAMLScalarStyle, start: Mark, end: Mark,
                             source: SourceText) -> EmbeddedText {
        if case .ascii(let bytes) = source.scalars, start.line == end.line {
            // An ASCII file: a scalar's characters are its bytes. Escapes and folding only
            // ever make a value shorter than its text, so a value exactly as long as its text
            // (less the quotes) is that text, on one line, without a line feed.
            let from = source.index(of: start), to = source.index(of: end)
            let written = to - from
            let length = value.utf8.count
            if style == .plain && length == written {
                return EmbeddedText(text: value, file: source.file, oneLineStart: start.location, scalarCount: length)
            }
            if (style == .singleQuoted || style == .doubleQuoted) && length == written - 2 {
                var first = start.location
                first.column += 1
                return EmbeddedText(text: value, file: source.file, oneLineStart: first, scalarCount: length)
            }
            if style == .singleQuoted || style == .doubleQuoted,
               let text = oneLineQuoted(value: value, doubleQuoted: style == .doubleQuoted, bytes: bytes,
                                        from: from, to: to, start: start.location, file: source.file) {
                return text
            }
        }
        if style == .plain && start.line == end.line
            && value.unicodeScalars.count == source.index(of: end) - source.index(of: start)
        {
            // The common case: a one-line plain scalar is its own text.
            return EmbeddedText(text: value, file: source.file, start: start.location)
        }
        if style == .singleQuoted || style == .doubleQuoted, start.line == end.line,
           value.unicodeScalars.count == source.index(of: end) - source.index(of: start) - 2
        {
            // A one-line quoted scalar with no escape (and no anchor or tag): its text is
            // the value, just after the opening quote.
            var first = start.location
            first.column += 1
            return EmbeddedText(text: value, file: source.file, start: first)
        }
        var reader = RawReader(source: source, start: start, end: end)
        reader.skipNodeProperties()
        let units: [Unit]
        switch style {
        case .plain: units = reader.flowUnits(quote: nil)
        case .singleQuoted: units = reader.flowUnits(quote: "'")
        case .doubleQuoted: units = reader.flowUnits(quote: "\"")
        case .literal, .folded: units = reader.blockUnits(value: value)
        }
        let quoted = style == .singleQuoted || style == .doubleQuoted
        var fallback = start.location
        if quoted { fallback.column += 1 }
        return EmbeddedText(text: value, file: source.file,
                            locations: align(value, with: units, fallback: fallback))
    }

    /// An ASCII file's one-line quoted scalar with escapes or `''`: each character's
    /// location read off the bytes in one pass, as ``align(_:with:fallback:)`` would find
    /// it. `nil` when anything is unusual (properties before the quote, an escape this
    /// does not know, a value that is not ASCII, a character that does not match): the
    /// general path then decides.
    private static func oneLineQuoted(value: String, doubleQuoted: Bool, bytes: [UInt8], from: Int, to: Int,
                                      start: SourceLocation, file: String) -> EmbeddedText? {
        let quote: UInt8 = doubleQuoted ? 0x22 : 0x27
        guard from < to, to <= bytes.count, bytes[from] == quote else { return nil }
        var value = value
        let line = start.line
        let locations: [SourceLocation]? = value.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { raw -> [SourceLocation]? in
                var locations: [SourceLocation] = []
                locations.reserveCapacity(wanted.count + 1)
                var index = from + 1
                var column = start.column + 1
                var found = 0
                while index < to {
                    let byte = raw[index]
                    var meaning = byte
                    var length = 1
                    if byte == quote {
                        guard !doubleQuoted, index + 1 < to, raw[index + 1] == quote else { break }  // the closing quote
                        length = 2
                    } else if doubleQuoted && byte == 0x5C {
                        guard index + 1 < to, let escaped = escapeMeaning(raw, at: index + 1, before: to) else { return nil }
                        (meaning, length) = escaped
                    }
                    guard found < wanted.count, wanted[found] == meaning else { return nil }
                    locations.append(SourceLocation(line: line, column: column))
                    found += 1
                    index += length
                    column += length
                }
                guard found == wanted.count, let last = locations.last else { return nil }
                locations.append(SourceLocation(line: line, column: last.column + 1))
                return locations
            }
        }
        return locations.map { EmbeddedText(text: value, file: file, locations: $0) }
    }

    /// The ASCII character a double-quoted escape stands for, and how many bytes it takes
    /// with its backslash; `nil` for an escape of anything else.
    private static func escapeMeaning(_ raw: UnsafeBufferPointer<UInt8>, at index: Int, before end: Int) -> (UInt8, Int)? {
        switch raw[index] {
        case UInt8(ascii: "0"): return (0, 2)
        case UInt8(ascii: "a"): return (7, 2)
        case UInt8(ascii: "b"): return (8, 2)
        case UInt8(ascii: "t"), 0x09: return (9, 2)
        case UInt8(ascii: "n"): return (10, 2)
        case UInt8(ascii: "v"): return (11, 2)
        case UInt8(ascii: "f"): return (12, 2)
        case UInt8(ascii: "r"): return (13, 2)
        case UInt8(ascii: "e"): return (27, 2)
        case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): return (raw[index], 2)
        case UInt8(ascii: "x"):
            guard index + 2 < end, let high = hexDigit(raw[index + 1]), let low = hexDigit(raw[index + 2]),
                  high < 8 else { return nil }
            return (high << 4 | low, 4)
        default: return nil
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// One location per scalar of `value`, plus the location just past its end.
    private static func align(_ value: String, with units: [Unit], fallback: SourceLocation)
        -> [SourceLocation]
    {
        var locations: [SourceLocation] = []
        locations.reserveCapacity(value.unicodeScalars.count + 1)
        var next = 0
        var lost = false
        var after = fallback  // just past the last character found
        for scalar in value.unicodeScalars {
            if !lost {
                var candidate = next
                while candidate < units.count && !units[candidate].matches(scalar) { candidate += 1 }
                if candidate < units.count {
                    let location = units[candidate].location
                    locations.append(location)
                    after = SourceLocation(line: location.line, column: location.column + 1)
                    next = candidate + 1
                    continue
                }
                lost = true
            }
            locations.append(after)
        }
        locations.append(after)
        return locations
    }
}

/// A character a scalar's value may contain, and where it is written.
private struct Unit {
    enum Kind {
        /// Exactly this character (a character of the text, or an escape's meaning).
        case character(Unicode.Scalar)
        /// An escape whose meaning could not be worked out: matches any character.
        case anything
        /// A line break: folding may turn it into a space or keep it as `\n`.
        case lineBreak
    }

    let kind: Kind
    let location: SourceLocation
    /// Whitespace as written (not an escape), which folding drops at the end of a line.
    var isRawSpace = false

    func matches(_ scalar: Unicode.Scalar) -> Bool {
        switch kind {
        case .character(let character): return character == scalar
        case .anything: return true
        case .lineBreak: return scalar == " " || scalar == "\n"
        }
    }
}

/// A cursor over the raw text of one scalar, between libyaml's start and end marks.
private struct RawReader {
    let source: SourceText
    var index: Int
    let endIndex: Int
    var line: Int
    var column: Int

    init(source: SourceText, start: Mark, end: Mark) {
        self.source = source
        index = source.index(of: start)
        endIndex = max(index, source.index(of: end))
        line = start.line + 1
        column = start.column + 1
    }

    var atEnd: Bool { index >= endIndex }
    var location: SourceLocation { SourceLocation(line: line, column: column) }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let at = index + offset
        return at < endIndex ? source.scalars[at] : nil
    }

    var atLineBreak: Bool { peek() == "\n" || peek() == "\r" }

    /// Moves past one character, or past a whole `\r\n`.
    mutating func advance() {
        guard let scalar = peek() else { return }
        index += 1
        if scalar == "\r" && peek() == "\n" { index += 1 }
        if scalar == "\n" || scalar == "\r" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    mutating func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    /// Moves past the node's anchor and tag (`&a !t`), which libyaml includes in the
    /// scalar's span, and the whitespace and comments after them.
    mutating func skipNodeProperties() {
        while peek() == "&" || peek() == "!" {
            while let scalar = peek(), !Self.isWhitespace(scalar) { advance() }
            while let scalar = peek(), Self.isWhitespace(scalar) || scalar == "#" {
                if scalar == "#" {
                    while !atEnd && !atLineBreak { advance() }
                } else {
                    advance()
                }
            }
        }
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// Units of a plain (`quote == nil`), single- or double-quoted scalar.
    ///
    /// Folding drops whitespace around line breaks, so raw spaces before a break and
    /// indentation after one produce no units; an escaped line break in double quotes
    /// produces none either.
    mutating func flowUnits(quote: Unicode.Scalar?) -> [Unit] {
        var units: [Unit] = []
        if let quote, peek() == quote { advance() }
        var atLineStart = false
        while let scalar = peek() {
            if let quote, scalar == quote {
                if quote == "'" && peek(1) == "'" {
                    units.append(Unit(kind: .character("'"), location: location))
                    advance(by: 2)
                    atLineStart = false
                    continue
                }
                break  // the closing quote
            }
            if scalar == "\n" || scalar == "\r" {
                while units.last?.isRawSpace == true { units.removeLast() }
                units.append(Unit(kind: .lineBreak, location: location))
                advance()
                atLineStart = true
                continue
            }
            if scalar == " " || scalar == "\t" {
                if !atLineStart {
                    units.append(Unit(kind: .character(scalar), location: location, isRawSpace: true))
                }
                advance()
                continue
            }
            atLineStart = false
            if quote == "\"" && scalar == "\\" {
                let here = location
                advance()
                if atLineBreak {
                    advance()  // an escaped line break: nothing, and the next indentation is dropped
                    atLineStart = true
                    continue
                }
                let (kind, length) = escape()
                units.append(Unit(kind: kind, location: here))
                advance(by: length)
                continue
            }
            units.append(Unit(kind: .character(scalar), location: location))
            advance()
        }
        return units
    }

    /// Double-quoted escapes of one letter, and the code point each stands for.
    private static let simpleEscapes: [Unicode.Scalar: UInt32] = [
        "0": 0, "a": 7, "b": 8, "t": 9, "\t": 9, "n": 10, "v": 11, "f": 12, "r": 13,
        "e": 27, " ": 32, "\"": 34, "/": 47, "\\": 92, "N": 0x85, "_": 0xA0,
        "L": 0x2028, "P": 0x2029,
    ]

    /// The meaning of the escape after a backslash, and how many characters it takes.
    private func escape() -> (Unit.Kind, Int) {
        guard let letter = peek() else { return (.anything, 0) }
        if let value = Self.simpleEscapes[letter], let scalar = Unicode.Scalar(value) {
            return (.character(scalar), 1)
        }
        let digits: Int
        switch letter {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        default: return (.anything, 1)
        }
        var text = ""
        for offset in 1...digits {
            guard let digit = peek(offset), digit.properties.isASCIIHexDigit else {
                return (.anything, offset)
            }
            text.unicodeScalars.append(digit)
        }
        guard let value = UInt32(text, radix: 16), let scalar = Unicode.Scalar(value) else {
            return (.anything, 1 + digits)
        }
        return (.character(scalar), 1 + digits)
    }

    /// Units of a literal (`|`) or folded (`>`) block scalar.
    ///
    /// The header line (indicator, indentation and chomping indicators, comment) is
    /// skipped; each content line loses its indentation and ends with a line break unit.
    /// The indentation is the leading spaces of the first non-blank content line minus
    /// the leading spaces the value keeps on its own first non-blank line, which covers
    /// both auto-detected indentation and an explicit indentation indicator.
    mutating func blockUnits(value: String) -> [Unit] {
        while !atEnd && !atLineBreak { advance() }
        advance()
        let indentation = max(0, firstContentIndentation() - Self.leadingSpacesOfFirstNonBlankLine(value))
        var units: [Unit] = []
        while !atEnd {
            var skipped = 0
            while skipped < indentation && peek() == " " {
                advance()
                skipped += 1
            }
            while let scalar = peek(), scalar != "\n" && scalar != "\r" {
                units.append(Unit(kind: .character(scalar), location: location))
                advance()
            }
            if atEnd { break }
            units.append(Unit(kind: .lineBreak, location: location))
            advance()
        }
        return units
    }

    /// The leading spaces of the first raw content line that has something besides spaces.
    private func firstContentIndentation() -> Int {
        var at = index
        while at < endIndex {
            var spaces = 0
            while at < endIndex && source.scalars[at] == " " {
                spaces += 1
                at += 1
            }
            guard at < endIndex else { return 0 }
            let scalar = source.scalars[at]
            if scalar != "\n" && scalar != "\r" { return spaces }
            at += 1
        }
        return 0
    }

    private static func leadingSpacesOfFirstNonBlankLine(_ value: String) -> Int {
        var spaces = 0
        for scalar in value.unicodeScalars {
            switch scalar {
            case " ": spaces += 1
            case "\n", "\r": spaces = 0
            default: return spaces
            }
        }
        return 0
    }
}
