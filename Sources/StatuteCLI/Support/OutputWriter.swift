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
/// the end of a command. When the descriptor is a pipe or a FIFO, whole lines go out in
/// writes of at most `PIPE_BUF` bytes, which the system writes whole or not at all, so even
/// SIGKILL cannot leave a torn line for the reader; a longer line goes alone in its own
/// write and can still be torn (docs/reliability.md). The first failure is kept: later
/// writes do nothing and report it again. Safe to share between threads (one lock around the buffer).
final class OutputWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let threshold: Int
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var failure: WriteFailure?
    /// `PIPE_BUF` when the descriptor is a pipe or FIFO: the largest write the system keeps whole.
    private let atomicWrite: Int?

    /// The largest write to a pipe that is never split (`PIPE_BUF` on Linux).
    static let pipeAtomicBytes = 4096

    /// A writer for `descriptor`; complete lines are written once `threshold` bytes wait.
    init(descriptor: Int32, threshold: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.threshold = threshold
        var info = stat()
        let isPipe = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
        atomicWrite = isPipe ? Self.pipeAtomicBytes : nil
    }

    /// The writes that hand over `buffer[0..<end]`: one, or on a pipe whole lines packed
    /// into writes of at most ``atomicWrite`` bytes, a longer line alone.
    private func pieces(upTo end: Int) -> [Range<Int>] {
        guard let limit = atomicWrite, end > limit else { return [0..<end] }
        var pieces: [Range<Int>] = []
        var start = 0
        var lineStart = 0
        var index = 0
        while index < end {
            let lineEnd = (buffer[index..<end].firstIndex(of: UInt8(ascii: "\n")) ?? (end - 1)) + 1
            if lineEnd - start > limit, lineStart > start {
                pieces.append(start..<lineStart)
                start = lineStart
            }
            if lineEnd - start > limit {
                pieces.append(start..<lineEnd)
                start = lineEnd
            }
            lineStart = lineEnd
            index = lineEnd
        }
        if start < end { pieces.append(start..<end) }
        return pieces
    }

    /// Adds text; writes the complete lines waiting once the buffer is over the threshold.
    func write(_ text: String) throws(WriteFailure) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        buffer.append(contentsOf: text.utf8)
        if buffer.count > threshold { try send(wholeLinesOnly: true) }
    }

    /// Adds UTF-8 bytes (a `run` answer); complete lines go out as the buffer fills.
    func write(bytes: [UInt8]) throws(WriteFailure) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        buffer.append(contentsOf: bytes)
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
            for piece in pieces(upTo: end) where code == 0 {
                while written < piece.upperBound {
                    #if canImport(Glibc)
                    let count = Glibc.write(descriptor, raw.baseAddress! + written, piece.upperBound - written)
                    #else
                    let count = Darwin.write(descriptor, raw.baseAddress! + written, piece.upperBound - written)
                    #endif
                    if count < 0 {
                        if errno == EINTR { continue }
                        code = errno
                        return
                    }
                    written += count
                }
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
