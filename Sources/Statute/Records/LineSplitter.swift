import Foundation

/// Splits a byte stream into lines without holding more than one line in memory, and
/// never more than `maxLineBytes` of it: a longer line is reported as too long and the
/// rest of it skipped.
///
/// Lines end at `\n`; a `\r` before it is dropped. The last line needs no newline.
/// Line numbers are 1-based and count every line, blank ones included.
package struct LineSplitter {
    /// One line of input.
    package enum Line: Hashable, Sendable {
        /// The line's bytes (without its line ending).
        case text([UInt8], number: Int)
        /// The line was longer than the limit; `bytes` is its length.
        case tooLong(number: Int, bytes: Int)

        /// The line's 1-based number in the input.
        package var number: Int {
            switch self {
            case .text(_, let number), .tooLong(let number, _): number
            }
        }
    }

    /// The longest line kept, in bytes; longer lines become ``Line/tooLong(number:bytes:)``.
    package let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var overflow = 0
    private var number = 0

    /// Creates a splitter; the default limit is 1 MiB per line.
    package init(maxLineBytes: Int = 1 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds a chunk of input; `emit` receives each line completed by it.
    package mutating func feed<C: Collection>(_ chunk: C, emit: (Line) throws -> Void) rethrows where C.Element == UInt8 {
        if let done = try chunk.withContiguousStorageIfAvailable({ buffer in try feed(buffer, emit: emit) }) { return done }
        try Array(chunk).withUnsafeBufferPointer { buffer in try feed(buffer, emit: emit) }
    }

    /// The work of ``feed(_:emit:)`` over contiguous bytes: whole runs between newlines
    /// are copied at once (a byte-by-byte loop through a generic iterator was most of
    /// `run`'s time when measured), and newlines are found with the C library's `memchr`,
    /// which scans many bytes per instruction: splitting is done by the one thread that
    /// reads, while the others evaluate, so it is kept as small as it can be.
    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, emit: (Line) throws -> Void) rethrows {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
            let end = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
            take(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            if end < bytes.count { try emit(finishLine()) }
            start = end + 1
        }
    }

    /// Adds part of a line, keeping at most `maxLineBytes` of it (plus a `\r` that may
    /// end it, which does not count against the limit).
    private mutating func take(_ run: UnsafeBufferPointer<UInt8>) {
        guard !run.isEmpty else { return }
        if overflow > 0 {
            overflow += run.count
            return
        }
        let room = maxLineBytes - buffer.count
        if run.count <= room {
            buffer.append(contentsOf: run)
        } else if run.count == room + 1, run[run.count - 1] == UInt8(ascii: "\r") {
            buffer.append(contentsOf: run)
        } else {
            overflow = buffer.count + run.count
            buffer = []
        }
    }

    /// Ends the input; emits the last line if it had no newline.
    package mutating func finish(emit: (Line) throws -> Void) rethrows {
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
