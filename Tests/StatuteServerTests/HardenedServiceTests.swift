import Foundation
import Statute
import Testing
@testable import StatuteServer

#if canImport(Glibc)
import Glibc
#endif

/// `statute serve` as a real process on loopback, attacked: a FIFO swapped in for a policy,
/// a `run` body that trickles, a foreign `Host`, operations routes behind the token, the
/// `run` query, and a hidden copy of a policy in a served folder.
@Suite(.serialized) struct HardenedServiceTests {
    static let record = #"{"id": 1, "status": "active", "facts": {"completed_on": "2025-04-15", "program.expires_after_months": 12}}"#

    /// The `/v1/policies` summary of the one policy served, through a raw socket (a hung server gives "").
    static func summary(_ port: Int) throws -> JSONValue? {
        let answer = try RawClient.request(port: port, "/v1/policies", timeout: 5)
        guard case .success(let json) = JSONReader.parse(Array(RawClient.body(answer).utf8)) else { return nil }
        return json["policies"]?.firstElement
    }

    static func waitFor(_ seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }

    // MARK: - A FIFO in a policy's place

    @Test(arguments: [false, true])
    func aFIFOSwappedInForAPolicyNeverHangsReloadsOrSIGHUP(namedDirectly: Bool) throws {
        let folder = try ServerFixtures.folder()
        let file = folder.appendingPathComponent("certification.yaml")
        let server = try ServerProcess(["--policy", namedDirectly ? file.path : folder.path, "--watch-interval", "0.2"])
        defer {
            // Should a reader be blocked on the FIFO, a writer lets it go, so the server can stop.
            let writer = open(file.path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            server.stop(SIGKILL)
        }
        #expect(ServerFixtures.string(try Self.summary(server.port)?["state"]) == "ok")
        try FileManager.default.removeItem(at: file)
        #expect(mkfifo(file.path, 0o600) == 0)
        server.signal(SIGHUP)
        usleep(500_000)
        server.signal(SIGHUP)
        // The server keeps answering: health, and the policy, stale, with a clear error.
        #expect(RawClient.status(try RawClient.request(port: server.port, "/healthz", timeout: 5)) == 200)
        #expect(try Self.waitFor { ServerFixtures.string(try Self.summary(server.port)?["state"]) == "stale" })
        let summary = try Self.summary(server.port)
        guard case .array(let diagnostics)? = summary?["diagnostics"], let first = diagnostics.first else {
            Issue.record("no diagnostic for the FIFO: \(String(describing: summary))")
            return
        }
        #expect(ServerFixtures.string(first["code"]) == "unreadable-file")
        #expect(ServerFixtures.string(first["message"])?.contains("is not a regular file (a FIFO)") == true)
        // The last good version still answers.
        let answer = try RawClient.request(port: server.port, "POST", "/v1/policies/certification/evaluate",
                                           headers: ["Content-Type: application/json"], body: #"{"event": "apply"}"#, timeout: 5)
        #expect(RawClient.status(answer) == 200)
        #expect(RawClient.status(try RawClient.request(port: server.port, "/healthz", timeout: 5)) == 200)
    }

    @Test func aSymbolicLinkSwappedInInAServedFolderIsRefused() throws {
        let folder = try ServerFixtures.folder()
        let file = folder.appendingPathComponent("certification.yaml")
        let secret = folder.appendingPathComponent("secret.env")
        try "DB_URL: postgres://app:SECRET@db\n".write(to: secret, atomically: true, encoding: .utf8)
        let server = try ServerProcess(["--policy", folder.path, "--watch-interval", "0.2"])
        defer { server.stop(SIGKILL) }
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: secret.path)
        server.signal(SIGHUP)
        #expect(try Self.waitFor { ServerFixtures.string(try Self.summary(server.port)?["state"]) == "stale" })
        let listing = RawClient.body(try RawClient.request(port: server.port, "/v1/policies", timeout: 5))
        #expect(listing.contains("symbolic link"))
        #expect(!listing.contains("SECRET"))
    }

    // MARK: - A slow `run` body

    @Test func aTricklingRunBodyIsEndedAndNeverTakesEvaluatesPlace() throws {
        let folder = try ServerFixtures.folder()
        let server = try ServerProcess(["--policy", folder.path, "--max-concurrent", "1", "--max-concurrent-runs", "1",
                                        "--run-chunk-timeout", "1", "--run-min-rate", "200"])
        defer { server.stop(SIGKILL) }
        let slow = try RawClient(port: server.port, timeout: 2)
        slow.send("POST /v1/policies/certification/run HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
        let line = Self.record + "\n"
        slow.send(String(line.utf8.count, radix: 16) + "\r\n" + line + "\r\n")
        let started = Date()
        var answer = ""
        var closed = false
        var evaluatesDuring: [Int] = []
        // One byte every 0.3 s: each within the chunk timeout, but far under 200 bytes a second.
        while Date().timeIntervalSince(started) < 20 {
            slow.send("1\r\n \r\n")
            usleep(300_000)
            if evaluatesDuring.count < 3 {
                let evaluate = try RawClient.request(port: server.port, "POST", "/v1/policies/certification/evaluate",
                                                     headers: ["Content-Type: application/json"], body: #"{"event": "apply"}"#)
                evaluatesDuring.append(RawClient.status(evaluate))
            }
            guard let more = slow.poll() else { closed = true; break }
            answer += more
            if answer.contains("body-too-slow") { break }
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        #expect(answer.contains(#""id":1"#), "the line sent was answered first")
        #expect(answer.contains("body-too-slow"), "the slow body was not ended: \(answer) (closed: \(closed))")
        #expect(elapsed < 10, "ending the slow body took \(elapsed) s")
        #expect(evaluatesDuring == [200, 200, 200], "evaluate while a run trickled: \(evaluatesDuring)")
        // Its place is free again: another run is answered, not 503.
        let next = try RawClient.request(port: server.port, "POST", "/v1/policies/certification/run",
                                         headers: ["Content-Type: application/x-ndjson"], body: Self.record + "\n")
        #expect(RawClient.status(next) == 200, "\(next)")
    }

    @Test func aStalledRunBodyIsEndedAfterTheChunkTimeout() throws {
        let folder = try ServerFixtures.folder()
        let server = try ServerProcess(["--policy", folder.path, "--max-concurrent-runs", "1", "--run-chunk-timeout", "1"])
        defer { server.stop(SIGKILL) }
        let stalled = try RawClient(port: server.port, timeout: 8)
        stalled.send("POST /v1/policies/certification/run HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n" + Self.record + "\n")
        let started = Date()
        var answer = ""
        while Date().timeIntervalSince(started) < 7, !answer.contains("body-too-slow") {
            guard let more = stalled.poll() else { break }
            answer += more
            usleep(100_000)
        }
        #expect(answer.contains("body-too-slow"), "\(answer)")
        #expect(Date().timeIntervalSince(started) < 7)
        let next = try RawClient.request(port: server.port, "POST", "/v1/policies/certification/run",
                                         headers: ["Content-Type: application/x-ndjson"], body: Self.record + "\n")
        #expect(RawClient.status(next) == 200, "\(next)")
    }

    // MARK: - Host names

    @Test func aForeignHostGets421AndNothingIsDecided() throws {
        let folder = try ServerFixtures.folder()
        let log = folder.appendingPathComponent("decisions.jsonl")
        let server = try ServerProcess(["--policy", folder.path, "--decision-log", log.path, "--allowed-host", "statute.internal"])
        defer { server.stop(SIGKILL) }
        let port = server.port
        let foreign = try RawClient.request(port: port, "POST", "/v1/policies/certification/evaluate", host: "rebind.evil.example",
                                            headers: ["Content-Type: application/json"], body: #"{"event": "apply"}"#)
        #expect(RawClient.status(foreign) == 421, "\(foreign)")
        #expect(RawClient.body(foreign).contains("unknown-host"))
        #expect(RawClient.status(try RawClient.request(port: port, "/", host: "rebind.evil.example:\(port)")) == 421)
        #expect(RawClient.status(try RawClient.request(port: port, "/healthz", host: "evil.example")) == 421)
        #expect(((try? Data(contentsOf: log)) ?? Data()).isEmpty, "a decision was logged for a foreign host")
        for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "app.localhost", "statute.internal:\(port)", "STATUTE.internal"] {
            #expect(RawClient.status(try RawClient.request(port: port, "/healthz", host: host)) == 200, "Host: \(host)")
        }
        let allowed = try RawClient.request(port: port, "POST", "/v1/policies/certification/evaluate", host: "statute.internal",
                                            headers: ["Content-Type: application/json"], body: #"{"event": "apply"}"#)
        #expect(RawClient.status(allowed) == 200)
    }

    // MARK: - Operations behind the token

    @Test func theTokenCanGuardMetricsReadyzAndOpenAPI() throws {
        let folder = try ServerFixtures.folder()
        let token = "an-operations-token-long-enough-for-any-rule-0123456789"
        let tokenFile = folder.appendingPathComponent("token")
        try (token + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
        let guarded = try ServerProcess(["--policy", folder.path, "--token-file", tokenFile.path, "--token-guards-operations"])
        defer { guarded.stop(SIGKILL) }
        for path in ["/metrics", "/readyz", "/openapi.json"] {
            #expect(RawClient.status(try RawClient.request(port: guarded.port, path)) == 401, "\(path) without the token")
            #expect(RawClient.status(try RawClient.request(port: guarded.port, path, headers: ["Authorization: Bearer \(token)"])) == 200,
                    "\(path) with the token")
        }
        #expect(RawClient.status(try RawClient.request(port: guarded.port, "/healthz")) == 200)
        let metrics = RawClient.body(try RawClient.request(port: guarded.port, "/metrics"))
        #expect(!metrics.contains("certification"))

        let open = try ServerProcess(["--policy", folder.path, "--token-file", tokenFile.path])
        defer { open.stop(SIGKILL) }
        #expect(RawClient.status(try RawClient.request(port: open.port, "/metrics")) == 200)
    }

    // MARK: - The `run` query

    @Test func theRunRouteTakesTodayAndSettingsAndRefusesOtherParameters() throws {
        let folder = try ServerFixtures.folder()
        let server = try ServerProcess(["--policy", folder.path])
        defer { server.stop(SIGKILL) }
        func run(_ query: String) throws -> (Int, String) {
            let answer = try RawClient.request(port: server.port, "POST", "/v1/policies/certification/run" + query,
                                               headers: ["Content-Type: application/x-ndjson"], body: Self.record + "\n")
            return (RawClient.status(answer), RawClient.body(answer))
        }
        let settings30 = "settings=%7B%22expiring_notice_days%22%3A30%7D"
        let (status, body) = try run("?today=2026-03-01&" + settings30)
        #expect(status == 200)
        #expect(body.contains(#""status":"active""#), "\(body)")
        #expect(body.contains(#""date":"2026-03-16""#), "\(body)")
        let (_, later) = try run("?today=2026-03-20&" + settings30)
        #expect(later.contains(#""status":"expiring""#), "\(later)")
        let (_, tenDays) = try run("?today=2026-03-01&settings=%7B%22expiring_notice_days%22%3A10%7D")
        #expect(tenDays.contains(#""date":"2026-04-05""#), "\(tenDays)")

        let (unknown, unknownBody) = try run("?today=2026-03-01&day=2026-03-01")
        #expect(unknown == 400)
        #expect(unknownBody.contains("unknown-parameter") && unknownBody.contains("`day`"), "\(unknownBody)")
        let (badDate, badDateBody) = try run("?today=2026-02-30")
        #expect(badDate == 400, "\(badDateBody)")
        let (badSetting, badSettingBody) = try run("?settings=%7B%22grace%22%3A3%7D")
        #expect(badSetting == 400)
        #expect(badSettingBody.contains("unknown-setting"), "\(badSettingBody)")
        let (notJSON, _) = try run("?settings=grace")
        #expect(notJSON == 400)
    }

    // MARK: - Hidden folders

    @Test func aHiddenCopyInAServedFolderIsSkipped() throws {
        let folder = try ServerFixtures.folder()
        let scratch = folder.appendingPathComponent(".scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ServerFixtures.defaultPolicy, to: scratch.appendingPathComponent("certification.yaml"))
        let server = try ServerProcess(["--policy", folder.path])
        defer { server.stop(SIGKILL) }
        #expect(RawClient.status(try RawClient.request(port: server.port, "/readyz")) == 200)
        let listing = RawClient.body(try RawClient.request(port: server.port, "/v1/policies"))
        #expect(!listing.contains(".scratch"))
    }
}
