import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Statute
import Testing
@testable import StatuteServer

/// The console against a real `statute serve` process on loopback: sessions that end at
/// sign-out, the `Secure` cookie, the minimum token length, diagnostics quoted from the
/// bytes read at load (not from the path again), and diagrams that never hold up `/healthz`.
@Suite(.serialized) struct ConsoleLiveTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func tokenFile(_ folder: URL, _ token: String = ServerFixtures.token) throws -> String {
        let file = folder.appendingPathComponent("token")
        try "\(token)\n".write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func signIn(_ client: TestClient) async throws -> (cookie: String, setCookie: String) {
        let response = try await client.post("/login", headers: form,
                                             body: ByteBuffer(string: "token=\(ServerFixtures.token)&next=%2F"))
        #expect(response.status == .seeOther)
        let setCookie = response.headers[.setCookie] ?? ""
        return (String(setCookie.split(separator: ";")[0]), setCookie)
    }

    // MARK: - Sessions

    @Test func aSessionIsARandomIdThatEndsOnTheServerAtSignOut() async throws {
        let folder = try ServerFixtures.folder()
        let server = try ServerProcess(["--policy", folder.path, "--token-file", try Self.tokenFile(folder)])
        try await server.client { client in
            let (first, setCookie) = try await Self.signIn(client)
            let (second, _) = try await Self.signIn(client)
            #expect(first != second)
            let id = first.dropFirst("statute_console=".count)
            #expect(id.count == 64 && id.allSatisfy(\.isHexDigit))
            #expect(!setCookie.contains(ServerFixtures.token))
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Max-Age=43200"))
            #expect(!setCookie.contains("Secure"))
            #expect(try await client.get("/", headers: [.cookie: first]).status == .ok)

            let out = try await client.post("/logout", headers: [.cookie: first], body: ByteBuffer())
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            // The same cookie, kept by someone after sign-out, no longer opens a page.
            let replayed = try await client.get("/policies/certification", headers: [.cookie: first])
            #expect(replayed.status == .unauthorized)
            #expect(replayed.body.map { String(buffer: $0) }?.contains("<label for=\"token\">Token</label>") == true)
            // Another session is untouched.
            #expect(try await client.get("/", headers: [.cookie: second]).status == .ok)
            // A made-up id is refused.
            let madeUp = "statute_console=" + String(repeating: "ab", count: 32)
            #expect(try await client.get("/", headers: [.cookie: madeUp]).status == .unauthorized)
        }
        #expect(server.stop() == 0)
    }

    @Test func behindTLSTheCookieIsSecure() async throws {
        let folder = try ServerFixtures.folder()
        let server = try ServerProcess(["--policy", folder.path, "--token-file", try Self.tokenFile(folder), "--secure-cookie"])
        try await server.client { client in
            let (_, setCookie) = try await Self.signIn(client)
            #expect(setCookie.hasSuffix("; Secure"))
            let out = try await client.post("/logout", headers: [:], body: ByteBuffer())
            #expect(out.headers[.setCookie]?.contains("Secure") == true)
        }
        #expect(server.stop() == 0)
    }

    @Test func aShortTokenIsRefusedAtStartSayingTheMinimum() throws {
        let folder = try ServerFixtures.folder()
        do {
            _ = try ServerProcess(["--policy", folder.path, "--token-file", try Self.tokenFile(folder, "s3cret-token")])
            Issue.record("the server started with a 12-character token")
        } catch let error as ServerProcessError {
            #expect(error.description.contains("the token is 12 characters long; a token needs at least 16"))
        }
        #expect(throws: ServerSetupError.self) {
            _ = try buildApplication(ServerFixtures.configuration(folder, token: "s3cret-token"), trapSIGHUP: false)
        }
    }

    @Test func sessionsExpireOnTheServer() async throws {
        let sessions = ConsoleSessions(lifetime: .milliseconds(200))
        let id = sessions.start()
        #expect(sessions.isValid(id))
        try await Task.sleep(for: .milliseconds(400))
        #expect(!sessions.isValid(id))
        let kept = ConsoleSessions(capacity: 2)
        let a = kept.start(), b = kept.start(), c = kept.start()
        #expect(!kept.isValid(a) && kept.isValid(b) && kept.isValid(c))
        #expect(kept.count == 2)
    }

    // MARK: - Files are read once, at load

    /// A policy with an error on its line 4, so the console quotes that line.
    static let broken = """
        statute: 1
        name: leak
        statuses:
          open: {label: Open, final: maybe}
        transitions: []
        """

    @Test func diagnosticsQuoteTheBytesReadAtLoadNotWhateverThePathNowHolds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-leak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let policies = folder.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ServerFixtures.defaultPolicy, to: policies.appendingPathComponent("certification.yaml"))
        let file = policies.appendingPathComponent("leak.yaml")
        try Self.broken.write(to: file, atomically: true, encoding: .utf8)
        let secret = folder.appendingPathComponent("secret.env")
        try "A=1\nB=2\nC=3\nDB_URL: postgres://app:SECRET@db\n".write(to: secret, atomically: true, encoding: .utf8)
        // No polling: the file is swapped after the load, and nothing reloads it.
        let server = try ServerProcess(["--policy", policies.path, "--watch-interval", "0"])
        try await server.client { client in
            let before = try await client.get("/").body.map { String(buffer: $0) } ?? ""
            #expect(before.contains("open: {label: Open, final: maybe}"))
            try FileManager.default.removeItem(at: file)
            try FileManager.default.createSymbolicLink(at: file, withDestinationURL: secret)
            let after = try await client.get("/").body.map { String(buffer: $0) } ?? ""
            #expect(after.contains("open: {label: Open, final: maybe}"))
            #expect(!after.contains("SECRET"))
            // A link to an endless device answers at once, from the same captured bytes.
            try FileManager.default.removeItem(at: file)
            try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/dev/zero")
            let endless = try await client.get("/")
            #expect(endless.status == .ok)
            #expect(endless.body.map { String(buffer: $0) }?.contains("final: maybe") == true)
        }
        #expect(server.stop() == 0)
    }

    // MARK: - Diagrams

    /// `statuses` statuses and `transitions` manual transitions between them, spread so
    /// that their arrows cross (the case that makes Graphviz's layout slow).
    static func dense(statuses: Int, transitions: Int) -> String {
        var yaml = "statute: 1\nname: dense\nroles: {staff: {description: Staff}}\nstatuses:\n"
        for index in 0..<statuses { yaml += "  s\(index): {label: Status \(index)}\n" }
        yaml += "transitions:\n  - {id: t-start, from: start, to: s0, mode: manual, by: staff}\n"
        for index in 0..<transitions {
            let from = (index * 7) % statuses
            var to = (index * 13 + 5) % statuses
            if to == from { to = (to + 1) % statuses }
            yaml += "  - {id: t\(index), from: s\(from), to: s\(to), mode: manual, by: staff}\n"
        }
        return yaml
    }

    @Test func aLargePolicysDiagramIsLeftOutAndHealthzAnswersDuringConcurrentViews() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-dense-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.dense(statuses: 40, transitions: 70).write(to: folder.appendingPathComponent("dense.yaml"), atomically: true, encoding: .utf8)
        try Self.dense(statuses: 20, transitions: 40).write(to: folder.appendingPathComponent("medium.yaml"), atomically: true, encoding: .utf8)
        try await Self.replaceName(in: folder.appendingPathComponent("medium.yaml"), with: "medium")
        let server = try ServerProcess(["--policy", folder.path])
        let port = server.port
        let pages = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                        let page = try await client.get(index % 2 == 0 ? "/policies/dense" : "/policies/medium")
                        return page.body.map { String(buffer: $0) } ?? ""
                    }
                }
            }
            // Meanwhile /healthz answers each time within a second (it waits on no drawing).
            group.addTask {
                try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                    for _ in 0..<10 {
                        let started = ContinuousClock.now
                        let health = try await client.get("/healthz")
                        #expect(health.status == .ok)
                        #expect(ContinuousClock.now - started < .seconds(1), "healthz was held up")
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    return "healthz"
                }
            }
            var pages: [String] = []
            for try await page in group { pages.append(page) }
            return pages
        }
        let dense = pages.filter { $0.contains("Status 39") }
        #expect(dense.count == 4)
        for page in dense {
            #expect(page.contains("id=\"diagram-missing\">The diagram is left out: it would have 71 arrows"))
            #expect(!page.contains("<svg"))
        }
        let medium = pages.filter { $0.contains("Status 19") && !$0.contains("Status 39") }
        #expect(medium.count == 4)
        for page in medium {
            #expect(page.contains("<svg role=\"img\"") || page.contains("The diagram is still being drawn"))
        }
        // Once drawn, every view shows the same drawing.
        try await server.client { client in
            let drawn = try await eventually(30) {
                (try await client.get("/policies/medium").body.map { String(buffer: $0) } ?? "").contains("<svg role=\"img\"")
            }
            #expect(drawn)
        }
        #expect(server.stop() == 0)
    }

    static func replaceName(in file: URL, with name: String) async throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "name: dense", with: "name: \(name)").write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aDiagramIsDrawnOncePerVersion() async throws {
        let loaded = PolicyLoader.load(contentsOf: ServerFixtures.defaultPolicy.path)
        let policy = try #require(loaded.policy)
        let version = PolicyVersion(name: "certification", policy: policy, engine: try Engine(policy: policy), settings: [:],
                                    digest: "sha256:test", loadedAt: Date())
        let cache = DiagramCache(wait: .seconds(30))
        let first = await cache.diagram(for: version)
        guard case .drawn(let svg) = first else { Issue.record("not drawn: \(first)"); return }
        #expect(svg.contains("Admin Review"))
        // A cache that does not wait answers at once: still drawing, or drawn already when
        // Graphviz was quicker than the answer.
        let second = await DiagramCache(wait: .zero).diagram(for: version)
        #expect(second == .drawing || second == first)
        // The second view of the same cache gets the same drawing without drawing it again.
        #expect(await cache.diagram(for: version) == first)
        let capped = await DiagramCache(maxArrows: 3).diagram(for: version)
        #expect(capped == .leftOut(arrows: PolicyGraph.arrowCount(for: policy)))
    }
}
