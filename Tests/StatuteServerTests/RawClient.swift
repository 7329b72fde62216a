import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain loopback socket to a server under test, for what an HTTP client library does not
/// let a test do: send any `Host`, send a body a byte at a time, and give up after a deadline
/// instead of waiting for a server that hangs.
final class RawClient {
    let fd: Int32

    /// Connects to 127.0.0.1:`port`; every read gives up after `timeout` seconds.
    init(port: Int, timeout: Double = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerProcessError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw ServerProcessError("connect failed")
        }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends bytes; false once the server has closed its side.
    @discardableResult func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// What has arrived so far, without waiting; `nil` once the server has closed the connection.
    func poll() -> String? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { received += buffer[0..<count]; continue }
            if count == 0 { return received.isEmpty ? nil : String(decoding: received, as: UTF8.self) }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// Reads until the server closes the connection or the read deadline passes.
    func readAll() -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// One request with `Connection: close`, its whole answer (status line, headers, body),
    /// or "" when the server did not answer within `timeout` seconds.
    static func request(port: Int, _ path: String, host: String? = nil, headers: [String] = [],
                        timeout: Double = 10) throws -> String {
        try request(port: port, "GET", path, host: host, headers: headers, timeout: timeout)
    }

    /// One request with `method`, as ``request(port:_:host:headers:timeout:)`` makes a `GET`.
    static func request(port: Int, _ method: String, _ path: String, host: String? = nil,
                        headers: [String] = [], body: String = "", timeout: Double = 10) throws -> String {
        let client = try RawClient(port: port, timeout: timeout)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for header in headers { head += header + "\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.utf8.count)\r\n" }
        client.send(head + "\r\n" + body)
        return client.readAll()
    }

    /// The status code of a raw answer, 0 when there was none.
    static func status(_ answer: String) -> Int {
        guard answer.hasPrefix("HTTP/1.1 ") else { return 0 }
        return Int(answer.dropFirst(9).prefix(3)) ?? 0
    }

    /// The body of a raw answer (after the blank line), chunked encoding undone.
    static func body(_ answer: String) -> String {
        guard let split = answer.range(of: "\r\n\r\n") else { return "" }
        let head = answer[..<split.lowerBound].lowercased()
        var rest = Substring(answer[split.upperBound...])
        guard head.contains("transfer-encoding: chunked") else { return String(rest) }
        var body = ""
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let utf8 = rest.utf8
            guard let end = utf8.index(start, offsetBy: size, limitedBy: utf8.endIndex) else { break }
            body += String(rest[start..<end])
            rest = rest[end...].dropFirst(2)
        }
        return body
    }
}
