import StatuteCore

/// Statute's positions as SARIF regions: the one place where columns change unit.
///
/// Statute counts columns in Unicode scalars (1-based); the SARIF output counts them in
/// UTF-16 code units (1-based), SARIF's default and what code-scanning viewers and editors
/// assume, and says so with the run's `columnKind`. A scalar outside the Basic
/// Multilingual Plane (an emoji, say) is one Statute column and two SARIF columns.
/// Lines are the same in both (1-based, `\n`, `\r\n` or `\r` ending one).
package enum SARIFPositions {
    /// The run's `columnKind`.
    package static let columnKind = "utf16CodeUnits"

    /// The 1-based UTF-16 column of Statute's 1-based scalar `column` on `line` (the
    /// line's text without its line break). Past the end of the line, and when the line is
    /// not at hand, each further column counts one unit.
    package static func utf16Column(_ column: Int, on line: Substring?) -> Int {
        let before = max(column, 1) - 1
        guard let line, before > 0 else { return before + 1 }
        var units = 0
        var counted = 0
        for scalar in line.unicodeScalars {
            if counted == before { break }
            units += scalar.utf16.count
            counted += 1
        }
        return units + (before - counted) + 1
    }

    /// The SARIF `region` of `span`; `line(n)` gives the text of line `n` of the span's
    /// file, or `nil` when it is not at hand.
    package static func region(of span: SourceSpan, line: (Int) -> Substring?) -> JSONValue {
        let startLine = max(span.start.line, 1)
        let endLine = max(span.end.line, startLine)
        let startColumn = utf16Column(span.start.column, on: line(startLine))
        var endColumn = utf16Column(span.end.column, on: line(endLine))
        if endLine == startLine { endColumn = max(endColumn, startColumn) }
        return .object([
            ("startLine", .int(startLine)),
            ("startColumn", .int(startColumn)),
            ("endLine", .int(endLine)),
            ("endColumn", .int(endColumn)),
        ])
    }
}
