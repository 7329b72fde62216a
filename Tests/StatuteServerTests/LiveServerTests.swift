import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOCore
import Statute
import Testing
@testable import StatuteServer

#if canImport(Glibc)
import Glibc
#endif

/// `statute serve` as a real process on an ephemeral port: hot reload, SIGHUP, SIGTERM
/// with a request in flight, the token file, and the decision log after SIGKILL.
@Suite(.serialized) struct LiveServerTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    static func policies(_ client: TestClient) async throws -> JSONValue? {
        let response = try await client.get("/v1/policies")
        return response.body.flatMap(ServerFixtures.parse)?["policies"]?.firstElement
    }

    static func digest(of file: URL) throws -> String {
        FileSnapshot.digest(try [UInt8](Data(contentsOf: file)))
    }

    @Test func aBrokenEditLeavesTheLastGoodVersionServingUntilItIsFixed() async throws {
        let folder = try ServerFixtures.folder()
        let file = folder.appendingPathComponent("certification.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let server = try ServerProcess(["--policy", folder.path, "--watch-interval", "0.2"])
        let firstDigest = try Self.digest(of: file)
        try await server.client { client in
            #expect(ServerFixtures.string(try await Self.policies(client)?["digest"]) == firstDigest)
            // Break it: the old version keeps answering, and the policy says stale with the diagnostics.
            try (original + "\ntransitions: [oops\n").write(to: file, atomically: true, encoding: .utf8)
            #expect(try await eventually { ServerFixtures.string(try await Self.policies(client)?["state"]) == "stale" })
            let stale = try await Self.policies(client)
            #expect(ServerFixtures.string(stale?["digest"]) == firstDigest)
            guard case .array(let diagnostics)? = stale?["diagnostics"] else { Issue.record("no diagnostics"); return }
            #expect(!diagnostics.isEmpty)
            let answer = try await client.post("/v1/policies/certification/evaluate", headers: Self.json,
                                               body: ByteBuffer(string: #"{"event": "apply"}"#))
            #expect(answer.status == .ok)
            #expect(ServerFixtures.string(answer.body.flatMap(ServerFixtures.parse)?.at("policy", "digest")) == firstDigest)
            // Fix it with a change: the new digest serves.
            try (original + "\n# edited\n").write(to: file, atomically: true, encoding: .utf8)
            let fixedDigest = try Self.digest(of: file)
            #expect(fixedDigest != firstDigest)
            #expect(try await eventually { ServerFixtures.string(try await Self.policies(client)?["digest"]) == fixedDigest })
            #expect(ServerFixtures.string(try await Self.policies(client)?["state"]) == "ok")
            let after = try await client.post("/v1/policies/certification/evaluate", headers: Self.json,
                                              body: ByteBuffer(string: #"{"event": "apply"}"#))
            #expect(ServerFixtures.string(after.body.flatMap(ServerFixtures.parse)?.at("policy", "digest")) == fixedDigest)
        }
        #expect(server.stop() == 0)
    }

    @Test func sighupReloadsAtOnce() async throws {
        let folder = try ServerFixtures.folder()
        let file = folder.appendingPathComponent("certification.yaml")
        let server = try ServerProcess(["--policy", folder.path, "--watch-interval", "0"])
        let original = try String(contentsOf: file, encoding: .utf8)
        try (original + "\n# reloaded by SIGHUP\n").write(to: file, atomically: true, encoding: .utf8)
        let changed = try Self.digest(of: file)
        try await server.client { client in
            try await Task.sleep(for: .milliseconds(500))
            #expect(ServerFixtures.string(try await Self.policies(client)?["digest"]) != changed, "reloaded without SIGHUP")
            server.signal(SIGHUP)
            #expect(try await eventually(5) { ServerFixtures.string(try await Self.policies(client)?["digest"]) == changed })
        }
        #expect(server.stop() == 0)
    }

    @Test func sigtermFinishesTheRequestInFlightAndExitsZero() async throws {
        let folder = try ServerFixtures.folder()
        let log = folder.appendingPathComponent("decisions.jsonl")
        let server = try ServerProcess(["--policy", folder.path, "--decision-log", log.path])
        let body = Array(#"{"status": null, "facts": {}, "event": "apply"}"#.utf8)
        let head = Array("POST /v1/policies/certification/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8)
        let port = server.port
        // The head and half the body, then SIGTERM once the server has read them, then the
        // rest: the answer still comes, whole.
        let answer = try await Task.detached {
            try RawHTTP.exchange(port: port, first: head + body.prefix(10), rest: Array(body.dropFirst(10))) {
                usleep(300_000)
                server.signal(SIGTERM)
                usleep(300_000)
            }
        }.value
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        #expect(answer.contains(#""outcome":"changed""#))
        #expect(server.stop() == 0)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
    }

    @Test func theTokenFileGuardsTheV1Routes() async throws {
        let folder = try ServerFixtures.folder()
        let tokenFile = folder.appendingPathComponent("token")
        try "\(ServerFixtures.token)\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let server = try ServerProcess(["--policy", folder.path, "--token-file", tokenFile.path])
        try await server.client { client async throws in
            #expect(try await client.get("/v1/policies").status == .unauthorized)
            #expect(try await client.get("/v1/policies", headers: [.authorization: "Bearer \(ServerFixtures.token)"]).status == .ok)
            #expect(try await client.get("/readyz").status == .ok)
        }
        #expect(server.stop() == 0)
    }

    @Test func afterSIGKILLTheDecisionLogHasEveryAnsweredDecisionAndNoTornLine() async throws {
        let folder = try ServerFixtures.folder()
        let log = folder.appendingPathComponent("decisions.jsonl")
        let server = try ServerProcess(["--policy", folder.path, "--decision-log", log.path])
        let answered = try await server.client { client -> [String] in
            var ids: [String] = []
            for index in 0..<40 {
                let body = index % 2 == 0 ? #"{"event": "apply"}"# : #"{"status": "applied", "as": "staff"}"#
                let route = index % 2 == 0 ? "evaluate" : "options"
                let response = try await client.post("/v1/policies/certification/\(route)", headers: Self.json, body: ByteBuffer(string: body))
                if let id = ServerFixtures.string(response.body.flatMap(ServerFixtures.parse)?["decision_id"]) { ids.append(id) }
            }
            let run = try await client.post("/v1/policies/certification/run", headers: [.contentType: "application/x-ndjson"],
                                            body: ByteBuffer(string: "{\"id\": 1}\n{\"id\": 2, \"event\": \"apply\"}\n"))
            #expect(run.status == .ok)
            return ids
        }
        // Requests still arriving while the server is killed.
        let port = server.port
        let flood = Task.detached {
            try? await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                for _ in 0..<1000 {
                    _ = try await client.post("/v1/policies/certification/evaluate", headers: Self.json,
                                              body: ByteBuffer(string: #"{"event": "apply"}"#))
                }
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(server.stop(SIGKILL) == SIGKILL)
        _ = await flood.value
        let data = try Data(contentsOf: log)
        #expect(data.last == UInt8(ascii: "\n"), "the log ends in a torn line")
        var logged = Set<String>()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard case .success(let entry) = JSONReader.parse(Array(line)) else { Issue.record("torn or invalid line"); continue }
            for key in ["decision_id", "time", "policy", "today", "settings", "input", "result"] {
                #expect(entry[key] != nil, "missing \(key)")
            }
            if let id = ServerFixtures.string(entry["decision_id"]) { logged.insert(id) }
        }
        #expect(answered.count == 40)
        #expect(Set(answered).isSubset(of: logged))
        #expect(logged.count >= 42)
    }
}

extension JSONValue {
    /// The first element of an array.
    var firstElement: JSONValue? {
        if case .array(let items) = self { return items.first }
        return nil
    }
}
