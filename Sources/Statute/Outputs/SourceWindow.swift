/// The part of a source line shown under a diagnostic: about `width` columns around the
/// caret, with `…` where the line was cut, so a 3 MB one-line file costs one short line
/// of output. Built with ``DisplayWidth`` so carets line up under wide characters.
struct SourceWindow {
    /// The shown text: tabs expanded, control characters as `�`, `…` at a cut.
    let text: String
    /// The display cell where the caret run starts, counted from the start of `text`.
    let caretCell: Int
    /// How many carets to draw (at least one).
    let carets: Int

    /// A window on `line` for the 1-based columns `start..<end` (`end` may lie past the
    /// line, or be `Int.max` for a span that continues on later lines).
    init(line: Substring, start: Int, end: Int, width: Int) {
        let scalars = line.unicodeScalars
        let count = scalars.count
        let first = min(max(start, 1), count + 1) - 1          // 0-based scalar of the caret
        // Keep a third of the window before the caret, the rest after it.
        var low = max(0, first - width / 3)
        let high = min(count, low + width)
        low = max(0, min(low, high - width))
        let cutBefore = low > 0, cutAfter = high < count
        let lowIndex = scalars.index(scalars.startIndex, offsetBy: low)
        let highIndex = scalars.index(lowIndex, offsetBy: high - low)
        let shown = DisplayWidth.Line(Substring(scalars[lowIndex..<highIndex]))
        let lead = cutBefore ? 1 : 0
        text = (cutBefore ? "…" : "") + shown.text + (cutAfter ? "…" : "")
        let startCell = shown.cell(ofColumn: start - low)
        // A caret run ends at the span's end, or at the end of what is shown.
        let lastColumn = end == Int.max ? count + 1 : end
        let endCell = shown.cell(ofColumn: min(lastColumn, high + 1) - low)
        caretCell = lead + startCell
        carets = max(1, endCell - startCell)
    }
}
