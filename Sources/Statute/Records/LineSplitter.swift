/// Splits a byte stream into lines without holding more than one line in memory, and
/// never more than `maxLineBytes` of it: a longer line is reported as too long and the
/// rest of it skipped.
///
/// Lines end at `\n`; a `\r` before it is dropped. The last line needs no newline.
/// Line numbers are 1-based and count every line, blank ones included.
public struct LineSplitter {
    /// One line of input.
    public enum Line: Hashable, Sendable {
        /// The line's bytes (without its line ending).
        case text([UInt8], number: Int)
        /// The line was longer than the limit; `bytes` is its length.
        case tooLong(number: Int, bytes: Int)

        /// The line's 1-based number in the input.
        public var number: Int {
            switch self {
            case .text(_, let number), .tooLong(let number, _): number
            }
        }
    }

    /// The longest line kept, in bytes; longer lines become ``Line/tooLong(number:bytes:)``.
    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var overflow = 0
    private var number = 0

    /// Creates a splitter; the default limit is 1 MiB per line.
    public init(maxLineBytes: Int = 1 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds a chunk of input; `emit` receives each line completed by it.
    public mutating func feed<C: Collection>(_ chunk: C, emit: (Line) throws -> Void) rethrows where C.Element == UInt8 {
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                try emit(finishLine())
            } else if overflow > 0 {
                overflow += 1
            } else if buffer.count < maxLineBytes || (buffer.count == maxLineBytes && byte == UInt8(ascii: "\r")) {
                // A `\r` ending the line is not part of it, so it does not count against the limit.
                buffer.append(byte)
            } else {
                overflow = buffer.count + 1
                buffer = []
            }
        }
    }

    /// Ends the input; emits the last line if it had no newline.
    public mutating func finish(emit: (Line) throws -> Void) rethrows {
        if !buffer.isEmpty || overflow > 0 { try emit(finishLine()) }
    }

    private mutating func finishLine() -> Line {
        number += 1
        defer { buffer.removeAll(keepingCapacity: buffer.count <= 64 * 1024); overflow = 0 }
        if overflow > 0 { return .tooLong(number: number, bytes: overflow) }
        if buffer.last == UInt8(ascii: "\r") { buffer.removeLast() }
        return .text(buffer, number: number)
    }
}
