#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole lines to a file descriptor with `write(2)`: bytes are gathered in one
/// buffer and handed to the system only up to the end of the last complete line, so a
/// killed process never leaves a torn line; a failed write (a full disk, a closed pipe)
/// is an error, never silently dropped.
struct LineWriter {
    /// Why output could not be written.
    struct WriteError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "cannot write the output: \(String(cString: strerror(code)))" }
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(64 * 1024)
    }

    /// Adds text; it is written at the next ``flush()``.
    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Adds UTF-8 bytes; they are written at the next ``flush()``.
    mutating func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    /// Writes every complete line gathered so far (up to the last `\n`), retrying after
    /// interruptions and partial writes.
    mutating func flush() throws(WriteError) {
        guard let lastNewline = buffer.lastIndex(of: UInt8(ascii: "\n")) else { return }
        let end = lastNewline + 1
        var written = 0
        var failure: Int32 = 0
        buffer.withUnsafeBytes { raw in
            while written < end {
                let count = write(descriptor, raw.baseAddress! + written, end - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure != 0 { throw WriteError(code: failure) }
        buffer.removeFirst(end)
    }
}
