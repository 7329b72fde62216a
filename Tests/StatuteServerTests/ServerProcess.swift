import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Statute

#if canImport(Glibc)
import Glibc
#endif

/// The built `statute` executable running `serve` on a free port, for tests that need a
/// real process: signals, hot reload on disk, the decision log after SIGKILL.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let stderr: Pipe

    /// The executable: `$STATUTE_BINARY`, else the newest `statute` under the package's `.build*` folders.
    static let binary: URL? = {
        if let path = ProcessInfo.processInfo.environment["STATUTE_BINARY"] { return URL(fileURLWithPath: path) }
        let fileManager = FileManager.default
        var candidates: [URL] = []
        for name in ((try? fileManager.contentsOfDirectory(atPath: ServerFixtures.root.path)) ?? []) where name.hasPrefix(".build") {
            let base = ServerFixtures.root.appendingPathComponent(name)
            candidates.append(base.appendingPathComponent("debug/statute"))
            for triple in (try? fileManager.contentsOfDirectory(atPath: base.path)) ?? [] {
                candidates.append(base.appendingPathComponent(triple).appendingPathComponent("debug/statute"))
            }
        }
        func modified(_ url: URL) -> Date {
            ((try? fileManager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        return candidates.filter { fileManager.isExecutableFile(atPath: $0.path) }.max { modified($0) < modified($1) }
    }()

    /// Starts `statute serve --port 0 arguments…` and waits for its ready line.
    init(_ arguments: [String]) throws {
        guard let binary = Self.binary else { throw ServerProcessError("the statute binary was not found; build it first") }
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0"] + arguments
        stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil, Date() < deadline {
            let data = stderr.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            if let range = seen.range(of: "listening on http://127.0.0.1:"), seen[range.upperBound...].contains("\n") {
                found = Int(seen[range.upperBound...].prefix { $0.isNumber })
            }
        }
        guard let found else {
            process.terminate()
            throw ServerProcessError("the server did not start: \(seen)")
        }
        // Keep reading what the server writes, so it never blocks on a full pipe.
        stderr.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
        port = found
    }

    /// Sends `signal` and waits for the process to end; its exit status.
    @discardableResult func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }

    /// A client of this server.
    func client<Value>(_ operation: @escaping @Sendable (TestClient) async throws -> Value) async throws -> Value {
        try await TestClient.withClient(host: "127.0.0.1", port: port, operation: operation)
    }
}

/// A blocking HTTP/1.1 exchange over a plain socket, for requests sent in parts.
enum RawHTTP {
    /// Connects to `port`, sends `first`, calls `between`, sends `rest`, and reads until the server closes.
    static func exchange(port: Int, first: [UInt8], rest: [UInt8], between: () -> Void) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerProcessError("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServerProcessError("connect failed") }
        func sendAll(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, 0) }
                if sent <= 0 { return }
                offset += sent
            }
        }
        sendAll(first)
        between()
        sendAll(rest)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

struct ServerProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Waits until `condition` holds, checking every 100 ms for at most `seconds`.
func eventually(_ seconds: Double = 30, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}
