import Foundation
import Statute
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The decision log (docs/service.md): one JSON line per decision, appended to a file
/// opened with `O_APPEND` before the answer is sent. A decision's line goes out whole in
/// one `write(2)`, with the lines of the decisions answered with it (those of one part of
/// a `run` body) up to ``largestWrite`` bytes, so once `write` returns the kernel has every
/// line whole: a killed server leaves no torn line and loses no answered decision. Writes
/// are kept to a page, like a single line's, because the kernel may stop a longer write
/// between two pages when the process is killed. Rotation is left to the operator
/// (docs/service.md).
final class DecisionLog: Sendable {
    private let descriptor: Mutex<Int32>
    let path: String

    /// The most bytes handed to one `write(2)`, in whole lines (a longer line goes alone).
    static let largestWrite = 4096

    /// Opens (creating when needed) the log at `path` for appending.
    init(path: String) throws(ServerSetupError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw ServerSetupError("cannot open the decision log `\(path)`: \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = Mutex(fd)
    }

    /// Appends `lines` — whole lines, each ending with a newline — in as few writes as
    /// ``largestWrite`` allows, each of whole lines; throws when they could not all be
    /// written (the request then fails with 500).
    func append(lines: [UInt8]) throws(ServiceError) {
        guard !lines.isEmpty else { return }
        let ok = lines.withUnsafeBytes { buffer in
            descriptor.withLock { fd -> Bool in
                guard fd >= 0 else { return false }
                var start = 0
                while start < buffer.count {
                    let end = Self.wholeLinesEnd(buffer, from: start)
                    guard Self.writeAll(fd, buffer, start..<end) else { return false }
                    start = end
                }
                return true
            }
        }
        if !ok { throw ServiceError.internal("the decision could not be written to the decision log") }
    }

    /// Where the write starting at `start` ends: after the last whole line within
    /// ``largestWrite`` bytes, or after the first line when that one alone is longer.
    private static func wholeLinesEnd(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
        if buffer.count - start <= largestWrite { return buffer.count }
        var end = start + largestWrite
        while end > start, buffer[end - 1] != UInt8(ascii: "\n") { end -= 1 }
        if end > start { return end }
        end = start + largestWrite
        while end < buffer.count, buffer[end - 1] != UInt8(ascii: "\n") { end += 1 }
        return end
    }

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let written = write(fd, buffer.baseAddress! + offset, range.upperBound - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Flushes the log to disk and closes it (at shutdown).
    func close() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = fsync(fd)
            _ = closeFile(fd)
            fd = -1
        }
    }

    deinit { close() }

    private func closeFile(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #elseif canImport(Musl)
        Musl.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }

    /// Appends one entry's line to `output`:
    /// `{"decision_id", "time", "policy", "today", "settings", "input", "result"}` and a
    /// newline, where `policy`, `settings` and `result` are given already written as JSON
    /// (the answer's bytes are the result's, written once for both).
    static func writeLine(id: String, policy: [UInt8], today: CalendarDate, settings: [UInt8], input: JSONValue,
                          result: some Collection<UInt8>, to output: inout [UInt8]) {
        output.append(literal: #"{"decision_id":"#)
        JSONValue.string(id).write(to: &output)
        output.append(literal: #","time":""#)
        LogTime.writeNow(to: &output)
        output.append(literal: #"","policy":"#)
        output.append(contentsOf: policy)
        output.append(literal: #","today":""#)
        output.append(contentsOf: today.description.utf8)
        output.append(literal: #"","settings":"#)
        output.append(contentsOf: settings)
        output.append(literal: #","input":"#)
        input.write(to: &output)
        output.append(literal: #","result":"#)
        output.append(contentsOf: result)
        output.append(literal: "}\n")
    }

    /// The `settings` of an entry: the values in force, by name, as a JSON object in name order.
    static func settingsJSON(_ settings: [String: Value]) -> [UInt8] {
        var output: [UInt8] = []
        JSONValue.object(settings.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }).write(to: &output)
        return output
    }
}

/// The `time` of a log entry: now, in UTC, to the millisecond (`2026-11-30T00:10:05.201Z`),
/// written from the system clock without a formatter (a date formatter cost more than the
/// rest of the entry).
enum LogTime {
    static func writeNow(to output: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        output.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        output.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        output.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        output.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        output.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        output.append(UInt8(ascii: "."))
        digits(Int(now.tv_nsec) / 1_000_000, 3)
        output.append(UInt8(ascii: "Z"))
    }
}
