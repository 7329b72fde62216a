/// A piece of text taken from a source file — typically an expression inside a YAML
/// scalar — that remembers where each of its characters came from.
///
/// Quoted scalars, escapes and block scalars all mean that the *value* of a scalar and
/// its *text in the file* differ; `EmbeddedText` keeps one file location per Unicode
/// scalar of `text` (plus one for the end), so an error at offset *n* inside an
/// expression points at the exact line and column in the file.
///
/// Text laid out on one line (a plain or simply quoted scalar, a string from code or the
/// command line) keeps only its start: each location is computed when it is asked for,
/// so reading a large file builds no per-character table.
package struct EmbeddedText: Hashable, Sendable {
    /// The text, as its consumer (e.g. the expression parser) sees it.
    package let text: String
    /// The file the text is in.
    package let file: String
    /// How many Unicode scalars `text` has.
    private let scalarCount: Int
    private let layout: Layout

    private enum Layout: Hashable, Sendable {
        /// On one line, the first scalar at this location.
        case line(SourceLocation)
        /// One location per scalar, plus the end.
        case table([SourceLocation])
    }

    /// `locations[i]` is the file location of the *i*-th Unicode scalar of `text`;
    /// the last element is the location just past the end. Always `text.unicodeScalars.count + 1` long.
    package var locations: [SourceLocation] {
        switch layout {
        case .table(let locations): return locations
        case .line(let start):
            return (0...scalarCount).map { SourceLocation(line: start.line, column: start.column + $0) }
        }
    }

    /// Creates an embedded text with an explicit location for every Unicode scalar.
    ///
    /// - Parameters:
    ///   - text: the text as the expression language sees it.
    ///   - file: the file it came from, as named in spans.
    ///   - locations: one location per Unicode scalar of `text`, plus the end
    ///     location. If the count is wrong, the locations are padded or trimmed so that
    ///     lookups never fail.
    package init(text: String, file: String, locations: [SourceLocation]) {
        self.text = text
        self.file = file
        let count = text.unicodeScalars.count
        self.scalarCount = count
        if locations.count == count + 1 {
            self.layout = .table(locations)
        } else if locations.isEmpty {
            self.layout = .table(Array(repeating: SourceLocation(line: 1, column: 1), count: count + 1))
        } else if locations.count > count + 1 {
            self.layout = .table(Array(locations.prefix(count + 1)))
        } else {
            var padded = locations
            let last = locations[locations.count - 1]
            while padded.count < count + 1 { padded.append(last) }
            self.layout = .table(padded)
        }
    }

    /// Creates an embedded text laid out starting at `start`, as a plain scalar is (or a
    /// string written in code or on the command line); a line feed in `text` starts a
    /// new line at column 1.
    package init(text: String, file: String, start: SourceLocation) {
        self.text = text
        self.file = file
        var count = 0
        var hasLineFeed = false
        for scalar in text.unicodeScalars {
            count += 1
            if scalar == "\n" { hasLineFeed = true }
        }
        self.scalarCount = count
        guard hasLineFeed else {
            self.layout = .line(start)
            return
        }
        var locations: [SourceLocation] = []
        locations.reserveCapacity(count + 1)
        var column = start.column
        var line = start.line
        for scalar in text.unicodeScalars {
            locations.append(SourceLocation(line: line, column: column))
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        locations.append(SourceLocation(line: line, column: column))
        self.layout = .table(locations)
    }

    /// An embedded text its reader knows to be on one line, with `scalarCount` Unicode
    /// scalars and none of them a line feed, starting at `start`: nothing is counted again.
    package init(text: String, file: String, oneLineStart start: SourceLocation, scalarCount: Int) {
        self.text = text
        self.file = file
        self.scalarCount = scalarCount
        self.layout = .line(start)
    }

    /// The file location of the Unicode scalar at `offset` (clamped to the text).
    package func location(atScalarOffset offset: Int) -> SourceLocation {
        let clamped = min(max(offset, 0), scalarCount)
        switch layout {
        case .line(let start): return SourceLocation(line: start.line, column: start.column + clamped)
        case .table(let locations): return locations[clamped]
        }
    }

    /// The span in the file covering the Unicode scalars `range` of `text`.
    /// The scalar offset whose location is `location`: the inverse of
    /// ``location(atScalarOffset:)`` (the first such offset when several share it, the
    /// nearest one after it when none has it).
    package func scalarOffset(of location: SourceLocation) -> Int {
        switch layout {
        case .line(let start):
            return min(max(location.column - start.column, 0), scalarCount)
        case .table(let locations):
            var low = 0, high = locations.count - 1
            while low < high {
                let middle = (low + high) / 2
                if locations[middle] < location { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    package func span(scalarOffsets range: Range<Int>) -> SourceSpan {
        SourceSpan(file: file,
                   start: location(atScalarOffset: range.lowerBound),
                   end: location(atScalarOffset: range.upperBound))
    }

    /// The span of the whole text.
    package var span: SourceSpan { span(scalarOffsets: 0..<scalarCount) }

    /// Equal when the texts, files and every location are equal, however they are stored.
    package static func == (lhs: EmbeddedText, rhs: EmbeddedText) -> Bool {
        guard lhs.text == rhs.text, lhs.file == rhs.file else { return false }
        if case .line(let a) = lhs.layout, case .line(let b) = rhs.layout { return a == b }
        return lhs.locations == rhs.locations
    }

    /// Hashes the text, the file and where the text starts.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(file)
        hasher.combine(location(atScalarOffset: 0))
    }
}
