import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Statute
import Testing
@testable import StatuteServer

/// The console's reference page renders the docs' document model (no Markdown shown raw,
/// author words escaped once), the decision form asks for a role only when one is needed,
/// and every route of the OpenAPI document is answered by the router.
@Suite struct ConsoleFormAndDocsTests {
    static func withApp(_ folder: URL, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try buildApplication(ServerFixtures.configuration(folder), trapSIGHUP: false)
        try await app.test(.router) { client in try await test(client) }
    }

    static func page(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get)
        return (response.status, String(buffer: response.body))
    }

    @Test func theReferenceShowsMarkupNotMarkdown() async throws {
        try await Self.withApp(try ServerFixtures.folder()) { client in
            let (status, page) = try await Self.page(client, "/policies/certification")
            #expect(status == .ok)
            #expect(page.contains("<li><strong><code>apply</code></strong> — automatically, when the contact applies"))
            #expect(page.contains("if not <em>Require approval</em>"))
            #expect(page.contains("<em>The contact applies to a program that does not require approval.</em>"))
            #expect(!page.contains("**"))
            #expect(!page.contains("*Require"))
            #expect(!page.contains("```"))
        }
    }

    @Test func aHostileDescriptionIsEscapedOnceAndAddsNoDiagramOrTable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            statute: 1
            name: hostile
            description: |
              Intro <script>alert(1)</script>

              ```mermaid
              flowchart TD
              ```

              | a | b |
              | --- | --- |
            statuses:
              open: {label: "<b>Open</b>", description: "**not bold** and *not em*"}
              done: {label: Done, final: true}
            transitions:
              - {id: go, from: start, to: open, mode: automatic, when: "true"}
              - {id: finish, from: open, to: done, mode: automatic, when: "true"}
            """.write(to: folder.appendingPathComponent("hostile.yaml"), atomically: true, encoding: .utf8)
        try await Self.withApp(folder) { client in
            let (status, page) = try await Self.page(client, "/policies/hostile")
            #expect(status == .ok)
            #expect(page.contains("<p>Intro &lt;script&gt;alert(1)&lt;/script&gt;</p>"))
            #expect(!page.contains("&amp;lt;"))
            #expect(page.contains("<p>```mermaid</p>"))
            #expect(page.components(separatedBy: "<figure class=\"diagram\">").count - 1 <= 1)
            #expect(page.contains("<p>| a | b |</p>"))
            #expect(page.components(separatedBy: "<table>").count - 1 == 1)
            #expect(page.contains("&lt;b&gt;Open&lt;/b&gt;"))
            #expect(page.contains("<p>**not bold** and *not em*</p>"))
        }
    }

    // MARK: - The decision form

    @Test func evaluatingNeedsNoRoleAndListsOptionsOnlyForOne() async throws {
        try await Self.withApp(try ServerFixtures.folder()) { client in
            let (status, page) = try await Self.page(client, "/policies/certification/decide?status=in_progress&request=evaluate&as=")
            #expect(status == .ok)
            #expect(page.contains("id=\"result-status\""))
            #expect(!page.contains("choose the role") && !page.contains("class=\"problems\""))
            #expect(!page.contains("id=\"options\""))
            let (_, withRole) = try await Self.page(client, "/policies/certification/decide?status=in_progress&request=evaluate&as=staff")
            #expect(withRole.contains("What <code>staff</code> may do now"))
            let (manual, noRole) = try await Self.page(client, "/policies/certification/decide?status=in_progress&request=manual&set=inactive&as=")
            #expect(manual == .unprocessableContent)
            #expect(noRole.contains("choose the role that asks"))
        }
    }

    @Test func theProblemSummaryCountsTheFieldsInGoodEnglish() async throws {
        try await Self.withApp(try ServerFixtures.folder()) { client in
            let (_, one) = try await Self.page(client, "/policies/certification/decide?today=2026-13-01")
            #expect(one.contains("<li>1 field below needs attention.</li>"))
            let (_, two) = try await Self.page(client, "/policies/certification/decide?today=2026-13-01&fact.components.required=-3")
            #expect(two.contains("<li>2 fields below need attention.</li>"))
            #expect(!two.contains("field(s)"))
        }
        #expect(DecideViewBuilder.summary(fieldsWithErrors: 0) == nil)
    }

    // MARK: - One route list

    @Test func everyRouteOfTheOpenAPIDocumentIsAnsweredByTheRouter() async throws {
        #expect(ServiceRoutes.all.count >= 11)
        try await Self.withApp(try ServerFixtures.folder()) { client in
            for route in ServiceRoutes.all {
                let uri = route.path.replacingOccurrences(of: "{name}", with: "certification")
                    .replacingOccurrences(of: "{policy}", with: "certification").replacingOccurrences(of: "{id}", with: "r-1")
                let response = try await client.execute(uri: uri, method: route.method,
                                                        headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
                // The records routes of a server without a store answer, with `no-store`.
                let noStore = ServerFixtures.string(ServerFixtures.parse(response.body)?.at("error", "code")) == "no-store"
                #expect((response.status != .notFound || noStore) && response.status != .methodNotAllowed, "\(route.method) \(uri)")
            }
            // A path the document does not name is not served.
            #expect(try await client.execute(uri: "/v1/policies/certification/other", method: .get).status == .notFound)
        }
    }
}
