import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Statute
import StatuteTestSupport
import Testing
@testable import StatuteServer

#if canImport(Glibc)
import Glibc
#endif

/// The decision routes write their answers and decision log lines straight to bytes: those
/// bytes are the JSON the library's trees give, `run` answers byte for byte as `statute run`
/// does and still streams in order, and the log keeps one whole line per decision.
@Suite struct AnswerBytesTests {
    let folder: URL
    init() throws { folder = try ServerFixtures.folder() }

    static let json: HTTPFields = [.contentType: "application/json"]
    static let ndjson: HTTPFields = [.contentType: "application/x-ndjson"]

    func withApp(log: URL? = nil, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try buildApplication(ServerFixtures.configuration(folder, log: log), trapSIGHUP: false)
        try await app.test(.router) { client in try await test(client) }
    }

    static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        value.write(to: &output)
        return output
    }

    static func keys(_ value: JSONValue?) -> [String] {
        guard case .object(let members)? = value else { return [] }
        return members.map(\.0)
    }

    // MARK: - Decision ids and log lines

    @Test func decisionIDsAreVersion4UUIDsThatDoNotRepeat() {
        let ids = DecisionIDs()
        let pattern = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/
        var seen = Set<String>()
        var malformed: [String] = []
        for _ in 0..<20_000 {
            let id = ids.next()
            if id.wholeMatch(of: pattern) == nil { malformed.append(id) }
            seen.insert(id)
        }
        #expect(malformed.isEmpty, "not a version 4 UUID: \(malformed.prefix(3))")
        #expect(seen.count == 20_000)
        // Another process (another key) makes other ids.
        #expect(!seen.contains(DecisionIDs().next()))
    }

    @Test func aLogLineIsTheEntryAsATreeWouldWriteIt() throws {
        let settings: [String: Value] = ["expiring_notice_days": .int(30), "label": .string("a \"quoted\"\nvalue")]
        let input: JSONValue = .object([("status", .string("active")), ("facts", .object([("n", .int(3)), ("é", .null)]))])
        let result: JSONValue = .object([("status", .string("expiring")), ("next", .null), ("steps", .array([]))])
        let policy: JSONValue = .object([("name", .string("certification")), ("digest", .string("sha256:ab"))])
        let today = try #require(CalendarDate(iso: "2026-02-20"))
        let before = Date()
        var line: [UInt8] = []
        DecisionLog.writeLine(id: "0b0e", policy: Self.bytes(policy), today: today, settings: DecisionLog.settingsJSON(settings),
                              input: input, result: Self.bytes(result), to: &line)
        #expect(line.last == UInt8(ascii: "\n"))
        guard case .success(let entry) = JSONReader.parse(Array(line.dropLast())),
              case .string(let time)? = entry["time"] else {
            Issue.record("not a JSON line with a time: \(String(decoding: line, as: UTF8.self))")
            return
        }
        let tree: JSONValue = .object([
            ("decision_id", .string("0b0e")), ("time", .string(time)), ("policy", policy), ("today", .string("2026-02-20")),
            ("settings", .object([("expiring_notice_days", .int(30)), ("label", .string("a \"quoted\"\nvalue"))])),
            ("input", input), ("result", result),
        ])
        #expect(line == Self.bytes(tree) + [UInt8(ascii: "\n")])
        #expect(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(time)")
        let parsed = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(time)
        #expect(abs(parsed.timeIntervalSince(before)) < 5, "the time is now: \(time)")
    }

    // MARK: - evaluate and options

    @Test func anEvaluateAnswerIsCompactJSONInTheDocumentedOrderAndTheLoggedResult() async throws {
        let log = folder.appendingPathComponent("decisions.jsonl")
        let bodies = [
            #"{"status": "active", "facts": {"completed_on": "2025-03-01", "program": {"expires_after_months": 12}}}"#,
            #"{"event": "apply", "settings": {"expiring_notice_days": 7}}"#,
            #"{"status": "applied", "facts": {"program.require_approval": true}, "set": "declined", "as": "staff"}"#,
            #"{"status": "active", "facts": {"completed_on": "2025-03-01", "program.expires_after_months": 12}, "explain": true}"#,
            #"{"status": "expired", "set": "in_progress", "as": "staff"}"#,
        ]
        try await withApp(log: log) { client in
            var answers: [JSONValue] = []
            for body in bodies {
                let response = try await client.execute(uri: "/v1/policies/certification/evaluate", method: .post,
                                                        headers: Self.json, body: ServerFixtures.body(body))
                let bytes = Array(response.body.readableBytesView)
                guard response.status == .ok, bytes.last == UInt8(ascii: "\n"),
                      case .success(let answer) = JSONReader.parse(Array(bytes.dropLast())) else {
                    Issue.record("\(response.status): \(String(decoding: bytes, as: UTF8.self))")
                    continue
                }
                // Compact, and the keys in the order of the tree the library builds.
                #expect(Self.bytes(answer) + [UInt8(ascii: "\n")] == bytes)
                var expected = ["decision_id", "status", "previous", "outcome", "steps", "effects", "set", "next"]
                let outcome = ServerFixtures.string(answer["outcome"])
                if outcome == "rejected" || outcome == "ignored" { expected.append("reason") }
                if body.contains("explain") { expected.append("explain") }
                #expect(Self.keys(answer) == expected + ["policy"], "\(body)")
                #expect(response.headers[HTTPField.Name("Statute-Policy-Digest")!] == ServerFixtures.string(answer.at("policy", "digest")))
                answers.append(answer)
            }
            #expect(answers.count == bodies.count)
            #expect(answers.contains { ServerFixtures.string($0["outcome"]) == "rejected" })
            // Each logged result is the answer without its decision_id, byte for byte.
            let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == bodies.count)
            for (line, answer) in zip(lines, answers) {
                guard case .success(let entry) = JSONReader.parse(Array(line.utf8)),
                      case .object(let members) = answer, let result = entry["result"] else {
                    Issue.record("unreadable log line: \(line)")
                    continue
                }
                #expect(entry["decision_id"] == answer["decision_id"])
                #expect(Self.bytes(result) == Self.bytes(.object(Array(members.dropFirst()))))
                #expect(Self.keys(entry) == ["decision_id", "time", "policy", "today", "settings", "input", "result"])
            }
        }
    }

    @Test func anOptionsAnswerHasItsIDFirstAndPolicyLast() async throws {
        try await withApp { client in
            let response = try await client.execute(uri: "/v1/policies/certification/options", method: .post, headers: Self.json,
                                                    body: ServerFixtures.body(#"{"status": "applied", "as": "staff"}"#))
            let bytes = Array(response.body.readableBytesView)
            guard case .success(let answer) = JSONReader.parse(Array(bytes.dropLast())) else {
                Issue.record("not JSON: \(String(decoding: bytes, as: UTF8.self))")
                return
            }
            #expect(Self.bytes(answer) + [UInt8(ascii: "\n")] == bytes)
            #expect(Self.keys(answer).first == "decision_id")
            #expect(Self.keys(answer).last == "policy")
            #expect(Self.keys(answer).contains("options"))
        }
    }

    // MARK: - run

    /// The CLI's golden input and output: 3,000 lines of every kind (errors, blank lines,
    /// explanations refused, manual requests), on 2026-03-01 with `expiring_notice_days` 30.
    static func golden() throws -> (input: [UInt8], output: [UInt8]) {
        var generator = RunRecordsGenerator(seed: 9)
        let input = generator.lines(3_000)
        let url = ServerFixtures.root.appendingPathComponent("Tests/StatuteTests/Fixtures/run/certification.golden.jsonl")
        return (input, [UInt8](try Data(contentsOf: url)))
    }

    static let goldenRun = "/v1/policies/certification/run?today=2026-03-01&settings=%7B%22expiring_notice_days%22%3A30%7D"

    @Test func theRunRouteAnswersByteForByteAsStatuteRunAndLogsEveryLineWhole() async throws {
        let (input, output) = try Self.golden()
        let log = folder.appendingPathComponent("decisions.jsonl")
        try await withApp(log: log) { client in
            let response = try await client.execute(uri: Self.goldenRun, method: .post, headers: Self.ndjson,
                                                    body: ByteBuffer(bytes: input))
            #expect(response.status == .ok)
            let answers = Array(response.body.readableBytesView)
            #expect(answers == output, "the run route's answers differ from statute run's golden file")
            // One whole log line per answer (blank input lines have none), in order, each
            // `result` the answer line; the log is longer than one write, so it took several.
            let logged = try Data(contentsOf: log)
            #expect(logged.count > DecisionLog.largestWrite)
            #expect(logged.last == UInt8(ascii: "\n"))
            let entries = logged.split(separator: UInt8(ascii: "\n"))
            let lines = answers.split(separator: UInt8(ascii: "\n"))
            #expect(entries.count == lines.count)
            var ids = Set<String>()
            var mismatches = 0
            for (entry, line) in zip(entries, lines) {
                guard case .success(let value) = JSONReader.parse(Array(entry)), let result = value["result"],
                      let id = ServerFixtures.string(value["decision_id"]) else { mismatches += 1; continue }
                ids.insert(id)
                if Self.bytes(result) != Array(line) || ServerFixtures.string(value["today"]) != "2026-03-01"
                    || value.at("settings", "expiring_notice_days") != .int(30) { mismatches += 1 }
            }
            #expect(mismatches == 0)
            #expect(ids.count == entries.count)
        }
    }

    @Test func theRunRouteAnswersTheLinesReceivedBeforeTheBodyEnds() throws {
        let server = try ServerProcess(["--policy", folder.path])
        defer { server.stop(SIGKILL) }
        let client = try RawClient(port: server.port, timeout: 10)
        client.send("POST /v1/policies/certification/run?today=2026-03-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
        func chunk(_ text: String) -> String { String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n" }
        var received = ""
        // 1,000 lines, then wait for their answers while the body is still open.
        var part = ""
        for index in 1...1_000 { part += #"{"id": \#(index), "event": "apply"}"# + "\n" }
        client.send(chunk(part))
        let started = Date()
        while Date().timeIntervalSince(started) < 20, Self.answerLines(received).count < 1_000 {
            guard let more = client.poll() else { break }
            received += more
            usleep(20_000)
        }
        #expect(Self.answerLines(received).count == 1_000, "answers before the body ended: \(Self.answerLines(received).count)")
        client.send(chunk(#"{"id": "last", "status": "applied"}"# + "\n") + "0\r\n\r\n")
        received += client.readAllOfChunkedAnswer()
        let all = Self.answerLines(received).map { JSONReader.parse($0) }
        #expect(all.count == 1_001)
        let ids: [JSONValue?] = all.map { if case .success(let value) = $0 { value["id"] } else { nil } }
        #expect(ids == (1...1_000).map { JSONValue.int($0) } + [.string("last")], "answers in input order")
    }

    @Test("Expect: 100-continue is answered with 100 Continue before the body is sent, then the body is answered")
    func aClientThatAsksToContinueIsToldToAtOnce() throws {
        let server = try ServerProcess(["--policy", folder.path])
        defer { server.stop(SIGKILL) }
        let client = try RawClient(port: server.port, timeout: 10)
        let body = #"{"id": 1, "event": "apply"}"# + "\n"
        client.send("POST /v1/policies/certification/run?today=2026-03-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-ndjson\r\nContent-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
        var received = ""
        let started = Date()
        while Date().timeIntervalSince(started) < 5, !received.contains("\r\n\r\n") {
            guard let more = client.poll() else { break }
            received += more
            if more.isEmpty { usleep(10_000) }
        }
        #expect(received.hasPrefix("HTTP/1.1 100 Continue\r\n"), "before the body: \(received)")
        client.send(body)
        received += client.readAllOfChunkedAnswer()
        #expect(received.contains("HTTP/1.1 200 OK\r\n"), "\(received)")
        #expect(Self.answerLines(String(received[received.range(of: "HTTP/1.1 200")!.lowerBound...])).count == 1)
    }

    /// The answer lines in the complete chunks of a chunked HTTP answer received so far.
    static func answerLines(_ raw: String) -> [[UInt8]] {
        let bytes = Array(raw.utf8)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let head = (0...(max(0, bytes.count - 4))).first(where: { Array(bytes[$0..<min($0 + 4, bytes.count)]) == separator }) else {
            return []
        }
        var index = head + 4
        var body: [UInt8] = []
        while let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\r")),
              let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16), size > 0,
              lineEnd + 2 + size <= bytes.count {
            body += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
            index = lineEnd + 2 + size + 2
            if index >= bytes.count { break }
        }
        return body.split(separator: UInt8(ascii: "\n")).map(Array.init)
    }
}

extension RawClient {
    /// Reads until a chunked answer's last chunk (or the read deadline).
    func readAllOfChunkedAnswer() -> String {
        var received = ""
        let started = Date()
        while Date().timeIntervalSince(started) < 10, !received.hasSuffix("0\r\n\r\n") {
            guard let more = poll() else { break }
            received += more
            if more.isEmpty { usleep(20_000) }
        }
        return received
    }
}
