import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import HummingbirdTesting
import Statute
import Testing
@testable import StatuteServer

/// Every route of docs/service.md through HummingbirdTesting's router test (no socket).
@Suite struct ServiceRouteTests {
    let folder: URL
    init() throws { folder = try ServerFixtures.folder() }

    func withApp(token: String? = nil, log: URL? = nil,
                 _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try buildApplication(ServerFixtures.configuration(folder, token: token, log: log), trapSIGHUP: false)
        try await app.test(.router) { client in try await test(client) }
    }

    @Test func listingNamesEachPolicyWithTheDigestOfItsFile() async throws {
        let bytes = try [UInt8](Data(contentsOf: ServerFixtures.defaultPolicy))
        let expected = FileSnapshot.digest(bytes)
        #expect(expected.hasPrefix("sha256:") && expected.count == 7 + 64)
        try await withApp { client in
            let response = try await client.execute(uri: "/v1/policies", method: .get)
            #expect(response.status == .ok)
            let policies = ServerFixtures.parse(response.body)?["policies"]
            guard case .array(let list)? = policies, let first = list.first else { Issue.record("no policies"); return }
            #expect(list.count == 1)
            #expect(ServerFixtures.string(first["name"]) == "certification")
            #expect(ServerFixtures.string(first["digest"]) == expected)
            #expect(ServerFixtures.string(first["state"]) == "ok")
            #expect(first["loaded_at"] != .null)
        }
    }

    @Test func onePolicyShowsItsStatusesAndTransitions() async throws {
        try await withApp { client in
            let response = try await client.execute(uri: "/v1/policies/certification", method: .get)
            #expect(response.status == .ok)
            let body = ServerFixtures.parse(response.body)
            guard case .array(let statuses)? = body?["statuses"], case .array(let transitions)? = body?["transitions"] else {
                Issue.record("missing statuses or transitions"); return
            }
            #expect(statuses.contains { ServerFixtures.string($0["id"]) == "in_progress" && ServerFixtures.string($0["label"]) == "In Progress" })
            let apply = transitions.first { ServerFixtures.string($0["id"]) == "apply" }
            #expect(apply?["from"] == .array([.null]))
            #expect(ServerFixtures.string(apply?["to"]) == "in_progress")
            #expect(ServerFixtures.string(apply?.at("trigger", "event")) == "apply")
        }
    }

    @Test func docsAreTheMarkdownReferenceAndGraphsComeInBothFormats() async throws {
        try await withApp { client in
            let docs = try await client.execute(uri: "/v1/policies/certification/docs", method: .get)
            #expect(docs.status == .ok)
            #expect(docs.headers[.contentType]?.hasPrefix("text/markdown") == true)
            #expect(String(buffer: docs.body).contains("In Progress"))
            let mermaid = try await client.execute(uri: "/v1/policies/certification/graph?format=mermaid", method: .get)
            #expect(String(buffer: mermaid.body).hasPrefix("stateDiagram") || String(buffer: mermaid.body).contains("-->"))
            let dot = try await client.execute(uri: "/v1/policies/certification/graph?format=dot", method: .get)
            #expect(String(buffer: dot.body).contains("digraph"))
            let bad = try await client.execute(uri: "/v1/policies/certification/graph?format=png", method: .get)
            #expect(bad.status == .badRequest)
            #expect(ServerFixtures.string(ServerFixtures.parse(bad.body)?.at("error", "code")) == "invalid-format")
        }
    }

    @Test func evaluateAnswersTheEvalJSONWithADecisionIdAndThePolicyVersion() async throws {
        try await withApp { client in
            let response = try await client.execute(
                uri: "/v1/policies/certification/evaluate", method: .post, headers: ServerFixtures.json(""),
                body: ServerFixtures.body(#"{"status": null, "facts": {"program": {"require_approval": true}}, "event": "apply"}"#))
            #expect(response.status == .ok)
            let body = ServerFixtures.parse(response.body)
            #expect(ServerFixtures.string(body?["status"]) == "applied")
            #expect(ServerFixtures.string(body?["outcome"]) == "changed")
            #expect(body?["effects"] == .array([.string("new_application_email")]))
            #expect(ServerFixtures.string(body?.at("policy", "name")) == "certification")
            #expect(ServerFixtures.string(body?.at("policy", "digest"))?.hasPrefix("sha256:") == true)
            #expect(ServerFixtures.string(body?["decision_id"])?.count == 36)
            #expect(response.headers[HTTPField.Name("Statute-Policy-Digest")!] == ServerFixtures.string(body?.at("policy", "digest")))
        }
    }

    @Test func aRejectedManualRequestIsStillAnsweredWith200() async throws {
        try await withApp { client in
            let response = try await client.execute(
                uri: "/v1/policies/certification/evaluate", method: .post, headers: ServerFixtures.json(""),
                body: ServerFixtures.body(#"{"status": "declined", "set": "active", "as": "staff"}"#))
            #expect(response.status == .ok)
            #expect(ServerFixtures.string(ServerFixtures.parse(response.body)?["outcome"]) == "rejected")
        }
    }

    @Test func optionsListTheManualTransitionsTheRoleMayRequest() async throws {
        try await withApp { client in
            let response = try await client.execute(
                uri: "/v1/policies/certification/options", method: .post, headers: ServerFixtures.json(""),
                body: ServerFixtures.body(#"{"status": "applied", "facts": {}, "as": "staff"}"#))
            #expect(response.status == .ok)
            guard case .array(let options)? = ServerFixtures.parse(response.body)?["options"] else { Issue.record("no options"); return }
            #expect(options.contains { ServerFixtures.string($0["transition"]) == "approve-application" })
            #expect(options.allSatisfy { $0["to"] != nil && $0["label"] != nil })
        }
    }

    @Test func requestSettingsOverrideTheServers() async throws {
        try await withApp { client in
            let body = #"{"status": "active", "facts": {"completed_on": "2025-03-01", "program.expires_after_months": 12}, "settings": {"expiring_notice_days": 30}}"#
            let response = try await client.execute(uri: "/v1/policies/certification/evaluate", method: .post,
                                                    headers: ServerFixtures.json(""), body: ServerFixtures.body(body))
            #expect(response.status == .ok)
            #expect(ServerFixtures.string(ServerFixtures.parse(response.body)?["status"]) == "expiring")
        }
    }

    @Test func runAnswersEachLineInOrderAndKeepsBadLines() async throws {
        try await withApp { client in
            let lines = """
                {"id": 1, "status": null, "event": "apply"}
                not json

                {"id": "x", "status": "nope"}
                {"id": 4, "status": "applied"}

                """
            let response = try await client.execute(uri: "/v1/policies/certification/run", method: .post,
                                                    headers: [.contentType: "application/x-ndjson"], body: ServerFixtures.body(lines))
            #expect(response.status == .ok)
            let out = String(buffer: response.body).split(separator: "\n").map { ServerFixtures.parse(ByteBuffer(string: String($0))) }
            #expect(out.count == 4)
            #expect(out[0]?["id"] == .int(1) && ServerFixtures.string(out[0]?["status"]) == "in_progress")
            #expect(out[1]?["line"] == .int(2) && out[1]?["error"] != nil)
            #expect(out[2]?["id"] == .string("x") && out[2]?["error"] != nil)
            #expect(out[3]?["id"] == .int(4) && ServerFixtures.string(out[3]?["outcome"]) == "unchanged")
        }
    }

    @Test func healthReadinessMetricsAndTheOpenAPIDocumentAreServed() async throws {
        try await withApp { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
            _ = try await client.execute(uri: "/v1/policies/certification/evaluate", method: .post,
                                         headers: ServerFixtures.json(""), body: ServerFixtures.body(#"{"event": "apply"}"#))
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("statute_http_requests_total"))
            #expect(metrics.contains(#"route="/v1/policies/{name}/evaluate""#))
            #expect(metrics.contains("statute_decisions_total"))
            #expect(metrics.contains(#"outcome="changed""#))
            #expect(metrics.contains("statute_decision_duration_seconds_bucket"))
            #expect(metrics.contains("statute_reloads_total"))
            let openapi = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(openapi.status == .ok)
            #expect(ServerFixtures.string(ServerFixtures.parse(openapi.body)?["openapi"]) == "3.1.0")
        }
    }

    @Test func errorsHaveTheirStatusCodeAndAJSONBody() async throws {
        try await withApp { client in
            func expectError(_ response: TestResponse, _ status: HTTPResponse.Status, _ code: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
                #expect(response.status == status, sourceLocation: sourceLocation)
                #expect(ServerFixtures.string(ServerFixtures.parse(response.body)?.at("error", "code")) == code, sourceLocation: sourceLocation)
                #expect(ServerFixtures.parse(response.body)?.at("error", "message") != nil, sourceLocation: sourceLocation)
            }
            let evaluate = "/v1/policies/certification/evaluate"
            expectError(try await client.execute(uri: evaluate, method: .post, headers: ServerFixtures.json(""), body: ServerFixtures.body("{")),
                        .badRequest, "invalid-json")
            expectError(try await client.execute(uri: evaluate, method: .post, headers: ServerFixtures.json(""),
                                                 body: ServerFixtures.body(#"{"facts": {"nope": 1}}"#)), .badRequest, "unknown-fact")
            expectError(try await client.execute(uri: "/v1/policies/nope/evaluate", method: .post, headers: ServerFixtures.json(""),
                                                 body: ServerFixtures.body("{}")), .notFound, "unknown-policy")
            expectError(try await client.execute(uri: "/v2/anything", method: .get), .notFound, "not-found")
            let wrongMethod = try await client.execute(uri: evaluate, method: .get)
            expectError(wrongMethod, .methodNotAllowed, "method-not-allowed")
            #expect(wrongMethod.headers[.allow] == "POST")
            expectError(try await client.execute(uri: evaluate, method: .post, headers: [.contentType: "text/plain"],
                                                 body: ServerFixtures.body("{}")), .unsupportedMediaType, "unsupported-media-type")
            expectError(try await client.execute(uri: evaluate, method: .post, body: ServerFixtures.body("{}")),
                        .unsupportedMediaType, "unsupported-media-type")
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
            expectError(try await client.execute(uri: evaluate, method: .post, headers: ServerFixtures.json(""), body: big),
                        .contentTooLarge, "body-too-large")
        }
    }

    @Test func theTokenIsRequiredOnEveryV1RouteAndNowhereElse() async throws {
        try await withApp(token: ServerFixtures.token) { client in
            for route in ServiceRoutes.all where route.path.hasPrefix("/v1") {
                let uri = route.path.replacingOccurrences(of: "{name}", with: "certification")
                let response = try await client.execute(uri: uri, method: route.method, headers: ServerFixtures.json(""),
                                                        body: ServerFixtures.body("{}"))
                #expect(response.status == .unauthorized, "\(route.method) \(uri)")
                #expect(ServerFixtures.string(ServerFixtures.parse(response.body)?.at("error", "code")) == "unauthorized")
            }
            let wrong = try await client.execute(uri: "/v1/policies", method: .get, headers: [.authorization: "Bearer s3cre7"])
            #expect(wrong.status == .unauthorized)
            let right = try await client.execute(uri: "/v1/policies", method: .get, headers: [.authorization: "Bearer \(ServerFixtures.token)"])
            #expect(right.status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func overTheConcurrencyLimitTheAnswerIs503WithRetryAfter() async throws {
        var configuration = ServerFixtures.configuration(folder)
        configuration.maxConcurrentRequests = 0
        let app = try buildApplication(configuration, trapSIGHUP: false)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/v1/policies", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "1")
            #expect(ServerFixtures.string(ServerFixtures.parse(response.body)?.at("error", "code")) == "overloaded")
        }
    }

    @Test func aPolicyThatNeverLoadedIsFailedAndTheServerIsNotReady() async throws {
        try "statute: 1\nname: broken\nstatuses: [\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try await withApp { client in
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(ServerFixtures.parse(ready.body)?["waiting_for"] == .array([.string("broken")]))
            let list = ServerFixtures.parse(try await client.execute(uri: "/v1/policies", method: .get).body)?["policies"]
            guard case .array(let policies)? = list else { Issue.record("no list"); return }
            let broken = policies.first { ServerFixtures.string($0["name"]) == "broken" }
            #expect(ServerFixtures.string(broken?["state"]) == "failed")
            #expect(broken?["digest"] == .null)
            guard case .array(let diagnostics)? = broken?["diagnostics"] else { Issue.record("no diagnostics"); return }
            #expect(!diagnostics.isEmpty)
            let evaluate = try await client.execute(uri: "/v1/policies/broken/evaluate", method: .post,
                                                    headers: ServerFixtures.json(""), body: ServerFixtures.body("{}"))
            #expect(evaluate.status == .serviceUnavailable)
            #expect(ServerFixtures.string(ServerFixtures.parse(evaluate.body)?.at("error", "code")) == "policy-not-loaded")
            let other = try await client.execute(uri: "/v1/policies/certification/evaluate", method: .post,
                                                 headers: ServerFixtures.json(""), body: ServerFixtures.body("{}"))
            #expect(other.status == .ok)
        }
    }

    @Test func theDecisionLogHasOneWholeLinePerDecisionWrittenBeforeTheAnswer() async throws {
        let log = folder.appendingPathComponent("decisions.jsonl")
        try await withApp(log: log) { client in
            let answer = try await client.execute(uri: "/v1/policies/certification/evaluate", method: .post, headers: ServerFixtures.json(""),
                                                  body: ServerFixtures.body(#"{"event": "apply", "settings": {"expiring_notice_days": 7}}"#))
            let id = ServerFixtures.string(ServerFixtures.parse(answer.body)?["decision_id"])
            // The line is there as soon as the answer is.
            let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1)
            let entry = ServerFixtures.parse(ByteBuffer(string: String(lines[0])))
            #expect(ServerFixtures.string(entry?["decision_id"]) == id)
            #expect(ServerFixtures.string(entry?["today"]) == "2026-02-20")
            #expect(entry?.at("settings", "expiring_notice_days") == .int(7))
            #expect(entry?.at("input", "event") == .string("apply"))
            #expect(ServerFixtures.string(entry?.at("result", "outcome")) == "changed")
            #expect(entry?.at("result", "decision_id") == nil)
            _ = try await client.execute(uri: "/v1/policies/certification/run", method: .post, headers: [.contentType: "application/x-ndjson"],
                                         body: ServerFixtures.body("{\"id\": 1}\nnot json\n"))
            #expect(try String(contentsOf: log, encoding: .utf8).split(separator: "\n").count == 3)
        }
    }

    /// A logged decision's `settings` are those in force: the server's own when the request
    /// overrides none (evaluate, options and run), the request's over them when it does.
    @Test func theLoggedSettingsAreTheServersOwnUnlessTheRequestOverridesThem() async throws {
        let log = folder.appendingPathComponent("decisions.jsonl")
        let settings = folder.appendingPathComponent("server-settings.json")
        try #"{"expiring_notice_days": 30}"#.write(to: settings, atomically: true, encoding: .utf8)
        let configuration = ServerConfiguration(policyPaths: [folder.path], port: 0, settingsFile: settings.path,
                                                decisionLogPath: log.path, watchInterval: .milliseconds(200),
                                                today: { ServerFixtures.today })
        let app = try buildApplication(configuration, trapSIGHUP: false)
        try await app.test(.router) { client in
            let record = #""status": "active", "facts": {"completed_on": "2025-03-01", "program.expires_after_months": 12}"#
            for body in ["{\(record)}", #"{"status": "applied", "as": "staff"}"#, "{\(record), \"settings\": {\"expiring_notice_days\": 7}}"] {
                let route = body.contains("\"as\"") ? "options" : "evaluate"
                let response = try await client.execute(uri: "/v1/policies/certification/\(route)", method: .post,
                                                        headers: ServerFixtures.json(""), body: ServerFixtures.body(body))
                #expect(response.status == .ok, "\(body)")
            }
            _ = try await client.execute(uri: "/v1/policies/certification/run", method: .post,
                                         headers: [.contentType: "application/x-ndjson"], body: ServerFixtures.body("{\(record)}\n"))
            let entries = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
                .map { ServerFixtures.parse(ByteBuffer(string: String($0))) }
            #expect(entries.count == 4)
            #expect(entries.map { $0?["settings"] } == [
                .object([("expiring_notice_days", .int(30))]), .object([("expiring_notice_days", .int(30))]),
                .object([("expiring_notice_days", .int(7))]), .object([("expiring_notice_days", .int(30))]),
            ])
        }
    }
}
