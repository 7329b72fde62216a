/// How many terminal cells text takes, so carets line up under wide characters.
///
/// Columns in spans count Unicode scalars; terminals draw East Asian wide characters and
/// emoji in two cells and combining marks in none. Tabs are expanded to
/// ``DisplayWidth/tabWidth`` spaces when a source line is shown.
enum DisplayWidth {
    static let tabWidth = 4

    /// The cells one Unicode scalar takes (tabs excluded: they are expanded first).
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0x200D || (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// A source line prepared for display: tabs expanded, control characters (see
    /// ``Escaping/isUnsafe(_:)``) shown as
    /// `�`, and the display cell at which each Unicode scalar (1-based column) starts.
    struct Line {
        let text: String
        /// `cells[c - 1]` is the cell where column `c` starts; one extra entry for the end of the line.
        let cells: [Int]

        init(_ source: Substring) {
            var text = ""
            var cells: [Int] = []
            var cell = 0
            for scalar in source.unicodeScalars {
                cells.append(cell)
                if scalar == "\t" {
                    text += String(repeating: " ", count: DisplayWidth.tabWidth)
                    cell += DisplayWidth.tabWidth
                } else if Escaping.isUnsafe(scalar) {
                    text += "\u{FFFD}"
                    cell += 1
                } else {
                    text.unicodeScalars.append(scalar)
                    cell += DisplayWidth.of(scalar)
                }
            }
            cells.append(cell)
            self.text = text
            self.cells = cells
        }

        /// The display cell of a 1-based column; past the end of the line, one cell per column.
        func cell(ofColumn column: Int) -> Int {
            let index = max(column, 1) - 1
            if index < cells.count { return cells[index] }
            return cells[cells.count - 1] + (index - (cells.count - 1))
        }
    }
}
