/// A piece of text taken from a source file — typically an expression inside a YAML
/// scalar — that remembers where each of its characters came from.
///
/// Quoted scalars, escapes and block scalars all mean that the *value* of a scalar and
/// its *text in the file* differ; `EmbeddedText` keeps one file location per Unicode
/// scalar of `text` (plus one for the end), so an error at offset *n* inside an
/// expression points at the exact line and column in the file.
public struct EmbeddedText: Hashable, Sendable {
    /// The text, as its consumer (e.g. the expression parser) sees it.
    public let text: String
    /// The file the text is in.
    public let file: String
    /// `locations[i]` is the file location of the *i*-th Unicode scalar of `text`;
    /// the last element is the location just past the end. Always `text.unicodeScalars.count + 1` long.
    public let locations: [SourceLocation]

    /// Creates an embedded text with an explicit location for every Unicode scalar.
    ///
    /// - Parameters:
    ///   - text: the text as the expression language sees it.
    ///   - file: the file it came from, as named in spans.
    ///   - locations: one location per Unicode scalar of `text`, plus the end
    ///     location. If the count is wrong, the locations are padded or trimmed so that
    ///     lookups never fail.
    public init(text: String, file: String, locations: [SourceLocation]) {
        self.text = text
        self.file = file
        let count = text.unicodeScalars.count + 1
        if locations.count == count {
            self.locations = locations
        } else if locations.isEmpty {
            self.locations = Array(repeating: SourceLocation(line: 1, column: 1), count: count)
        } else if locations.count > count {
            self.locations = Array(locations.prefix(count))
        } else {
            var padded = locations
            let last = locations[locations.count - 1]
            while padded.count < count { padded.append(last) }
            self.locations = padded
        }
    }

    /// Creates an embedded text laid out on a single line starting at `start`, as a plain
    /// scalar is (or a string written in code or on the command line).
    public init(text: String, file: String, start: SourceLocation) {
        var locations: [SourceLocation] = []
        locations.reserveCapacity(text.unicodeScalars.count + 1)
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
        self.init(text: text, file: file, locations: locations)
    }

    /// The file location of the Unicode scalar at `offset` (clamped to the text).
    public func location(atScalarOffset offset: Int) -> SourceLocation {
        locations[min(max(offset, 0), locations.count - 1)]
    }

    /// The span in the file covering the Unicode scalars `range` of `text`.
    public func span(scalarOffsets range: Range<Int>) -> SourceSpan {
        SourceSpan(file: file,
                   start: location(atScalarOffset: range.lowerBound),
                   end: location(atScalarOffset: range.upperBound))
    }

    /// The span of the whole text.
    public var span: SourceSpan { span(scalarOffsets: 0..<(locations.count - 1)) }
}
