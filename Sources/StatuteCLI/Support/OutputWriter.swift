import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why output could not be written: the `errno` of the failed `write(2)` (`ENOSPC` for a
/// full disk, `EPIPE` for a reader that went away).
struct WriteFailure: Error, Sendable, CustomStringConvertible {
    var code: Int32
    var description: String { "cannot write the output: \(String(cString: strerror(code)))" }
}

/// Buffered output to a file descriptor that hands the system whole lines only and never
/// ignores a failed write.
///
/// Text is gathered in memory; once more than `threshold` bytes are waiting, or on
/// ``flushLines()``, everything up to the last complete line goes out with `write(2)`
/// (retrying after interruptions and short writes), so a process killed between writes
/// leaves only whole lines behind. ``flushAll()`` also writes an unfinished last line, at
/// the end of a command. The first failure is kept: later writes do nothing and report it
/// again. Safe to share between threads (one lock around the buffer).
final class OutputWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let threshold: Int
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var failure: WriteFailure?

    /// A writer for `descriptor`; complete lines are written once `threshold` bytes wait.
    init(descriptor: Int32, threshold: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.threshold = threshold
    }

    /// Adds text; writes the complete lines waiting once the buffer is over the threshold.
    func write(_ text: String) throws(WriteFailure) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        buffer.append(contentsOf: text.utf8)
        if buffer.count > threshold { try send(wholeLinesOnly: true) }
    }

    /// Writes every complete line waiting (up to the last `\n`); an unfinished line stays.
    func flushLines() throws(WriteFailure) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        try send(wholeLinesOnly: true)
    }

    /// Writes everything waiting, an unfinished last line included (at the end of a command).
    func flushAll() throws(WriteFailure) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        try send(wholeLinesOnly: false)
    }

    /// Bytes waiting to be written (for tests).
    var pending: Int {
        lock.lock()
        defer { lock.unlock() }
        return buffer.count
    }

    private func send(wholeLinesOnly: Bool) throws(WriteFailure) {
        let end: Int
        if wholeLinesOnly {
            guard let newline = buffer.lastIndex(of: UInt8(ascii: "\n")) else { return }
            end = newline + 1
        } else {
            end = buffer.count
        }
        guard end > 0 else { return }
        var written = 0
        var code: Int32 = 0
        buffer.withUnsafeBytes { raw in
            while written < end {
                #if canImport(Glibc)
                let count = Glibc.write(descriptor, raw.baseAddress! + written, end - written)
                #else
                let count = Darwin.write(descriptor, raw.baseAddress! + written, end - written)
                #endif
                if count < 0 {
                    if errno == EINTR { continue }
                    code = errno
                    return
                }
                written += count
            }
        }
        buffer.removeFirst(written)
        if code != 0 {
            let failure = WriteFailure(code: code)
            self.failure = failure
            buffer = []
            throw failure
        }
    }
}
