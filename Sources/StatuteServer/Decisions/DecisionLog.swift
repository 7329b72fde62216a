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

/// The decision log (docs/service.md): one JSON line per decision, appended with one `write(2)`
/// of the whole line to a file opened with `O_APPEND`, before the answer is sent. The
/// kernel has the line once `write` returns, so a killed server leaves no torn line and
/// loses no answered decision. Rotation is left to the operator (docs/service.md).
final class DecisionLog: Sendable {
    private let descriptor: Mutex<Int32>
    let path: String

    /// Opens (creating when needed) the log at `path` for appending.
    init(path: String) throws(ServerSetupError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw ServerSetupError("cannot open the decision log `\(path)`: \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = Mutex(fd)
    }

    /// Appends one line; throws when the line could not be written whole (the request then fails with 500).
    func append(_ entry: JSONValue) throws(ServiceError) {
        var line = Array(entry.rendered().utf8)
        line.append(UInt8(ascii: "\n"))
        let ok = descriptor.withLock { fd -> Bool in
            guard fd >= 0 else { return false }
            var offset = 0
            while offset < line.count {
                let written = line.withUnsafeBytes { buffer in
                    write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        if !ok { throw ServiceError.internal("the decision could not be written to the decision log") }
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

    /// `{"decision_id", "time", "policy", "today", "settings", "input", "result"}`.
    static func entry(id: String, policy: JSONValue, today: CalendarDate, settings: [String: Value],
                      input: JSONValue, result: JSONValue) -> JSONValue {
        .object([
            ("decision_id", .string(id)),
            ("time", .string(Timestamps.iso8601(Date()))),
            ("policy", policy),
            ("today", .string(today.description)),
            ("settings", .object(settings.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) })),
            ("input", input),
            ("result", result),
        ])
    }
}
