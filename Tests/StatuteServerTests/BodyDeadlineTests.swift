import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A request body must arrive whole within `--request-timeout`, counted from the request's
/// head, or the request is answered 408 — except a `run` body, which streams at its own pace.
@Suite struct BodyDeadlineTests {
    let folder: URL
    init() throws { folder = try ServerFixtures.folder() }

    @Test("a request timeout that is not a positive number of seconds up to an hour: the server does not start, and says why",
          arguments: ["0", "-1", "3601", "soon"])
    func aBadRequestTimeoutIsRefused(_ value: String) throws {
        let error = #expect(throws: ServerProcessError.self) {
            _ = try ServerProcess(["--policy", folder.path, "--request-timeout", value])
        }
        #expect(error?.description.contains("--request-timeout") == true, "\(String(describing: error))")
    }

    @Test("an evaluate body that stops arriving: 408 `timeout` after the request timeout, and the connection closes")
    func aBodyThatStopsIsAnswered408() throws {
        let server = try ServerProcess(["--policy", folder.path, "--request-timeout", "1"])
        defer { server.stop(SIGKILL) }
        let client = try RawClient(port: server.port, timeout: 10)
        let started = Date()
        client.send("POST /v1/policies/certification/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"status\": ")
        let answer = client.readAll()
        let waited = Date().timeIntervalSince(started)
        #expect(RawClient.status(answer) == 408, "\(answer)")
        #expect(RawClient.body(answer).contains(#""code":"timeout""#), "\(answer)")
        #expect(waited >= 0.9 && waited < 5, "answered after \(waited) s")
    }

    @Test("a body sent in slow parts that ends in time is answered, and the connection stays open for the next request")
    func aSlowButTimelyBodyIsAnswered() throws {
        let server = try ServerProcess(["--policy", folder.path, "--request-timeout", "2"])
        defer { server.stop(SIGKILL) }
        let client = try RawClient(port: server.port, timeout: 10)
        let body = #"{"status": "active", "facts": {"completed_on": "2025-03-01", "program": {"expires_after_months": 12}}}"#
        let head = "POST /v1/policies/certification/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        client.send(head + body.prefix(20))
        usleep(500_000)
        client.send(String(body.dropFirst(20)))
        usleep(1_800_000)
        // Past the first request's timeout: its timer ended with its body, so this one is answered too.
        client.send(head + body)
        var received = ""
        let started = Date()
        while Date().timeIntervalSince(started) < 5, received.components(separatedBy: "HTTP/1.1 200 OK").count < 3 {
            guard let more = client.poll() else { break }
            received += more
            if more.isEmpty { usleep(20_000) }
        }
        #expect(received.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(received)")
        #expect(!received.contains("HTTP/1.1 408"), "no 408 answer: \(received)")
    }

    @Test("a run body is not held to the request timeout")
    func aRunBodyStreamsPastTheRequestTimeout() throws {
        let server = try ServerProcess(["--policy", folder.path, "--request-timeout", "1"])
        defer { server.stop(SIGKILL) }
        let client = try RawClient(port: server.port, timeout: 10)
        func chunk(_ text: String) -> String { String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n" }
        client.send("POST /v1/policies/certification/run?today=2026-03-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
        client.send(chunk(#"{"id": 1, "event": "apply"}"# + "\n"))
        usleep(1_600_000)
        client.send(chunk(#"{"id": 2, "event": "apply"}"# + "\n") + "0\r\n\r\n")
        let received = client.readAllOfChunkedAnswer()
        #expect(received.hasPrefix("HTTP/1.1 200 OK"), "\(received)")
        #expect(AnswerBytesTests.answerLines(received).count == 2, "\(received)")
    }
}
