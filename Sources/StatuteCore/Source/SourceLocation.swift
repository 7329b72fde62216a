/// A position in a source file: 1-based line and 1-based column.
///
/// Columns count Unicode scalar values (characters as an editor shows them for
/// most text), not bytes.
///
/// Stored in 32 bits each (a span is then 32 bytes, not 48: every node of every tree
/// carries one); values beyond ±2³¹ are clamped.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    private var storedLine: Int32
    private var storedColumn: Int32

    /// 1-based line number.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    /// 1-based column, counted in Unicode scalars.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// Creates a location from a 1-based line and a 1-based column (in Unicode scalars).
    public init(line: Int, column: Int) {
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
    }

    /// Orders by line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A range in a named source file, from `start` (inclusive) to `end` (exclusive).
///
/// Spans are carried by every node of the YAML tree, the policy model and expression
/// trees, so that every diagnostic can point at the exact text it is about.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    /// The file the span is in, as the user named it (a path, or a label such as `<stdin>`).
    public var file: String
    /// The first position of the span.
    public var start: SourceLocation
    /// The position just after the span; never before `start`.
    public var end: SourceLocation

    /// Creates a span; an `end` before `start` is clamped to `start`.
    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// A span of a single point.
    public init(file: String, at location: SourceLocation) {
        self.init(file: file, start: location, end: location)
    }

    /// The smallest span that covers both spans (which must be in the same file).
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// `file:line:column` of the start, as diagnostics print it.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}
