import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Statute
import Testing
@testable import StatuteServer

/// The status console's pages and form through HummingbirdTesting: every page, the
/// answer in the same words as `eval --explain`, hostile form input, and the token.
@Suite struct ConsoleTests {
    let folder: URL
    init() throws { folder = try ServerFixtures.folder() }

    func withApp(token: String? = nil, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try buildApplication(ServerFixtures.configuration(folder, token: token), trapSIGHUP: false)
        try await app.test(.router) { client in try await test(client) }
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The issue's question: an Active certification completed 2025-01-31, expiring after 13 months, notice 0.
    static let activeQuery = "status=active&fact.completed_on=2025-01-31&fact.program.expires_after_months=13"
        + "&fact.components.required=0&fact.components.completed=0&setting.expiring_notice_days=0"
        + "&today=2026-02-20&request=evaluate&as=staff"

    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// The words ResultText writes for the same question, as the page shows them (HTML-escaped).
    static func expectedWords() throws -> String {
        let loaded = PolicyLoader.load(contentsOf: ServerFixtures.defaultPolicy.path)
        guard let policy = loaded.policy else { throw CancellationError() }
        let engine = try Engine(policy: policy, settings: ["expiring_notice_days": .int(0)])
        let record = Record(status: "active", facts: ["completed_on": .date(CalendarDate(iso: "2025-01-31")!),
                                                      "program.expires_after_months": .int(13)])
        let result = try engine.evaluate(record, request: .evaluate, today: ServerFixtures.today, explain: true)
        return HTML.escape(ResultText(policy: policy).render(result))
    }

    // MARK: - Pages

    @Test func thePoliciesPageListsEachPolicyWithItsState() async throws {
        try await withApp { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let page = Self.html(response)
            #expect(page.contains("<a href=\"/policies/certification\">Certification enrollment statuses</a>"))
            #expect(page.contains("<span class=\"state state-ok\">ok</span>"))
            #expect(page.contains("<html lang=\"en\">"))
        }
    }

    @Test func aPolicyPageShowsTheReferenceTheServerDrawnDiagramAndTheSettingsInEffect() async throws {
        try await withApp { client in
            let response = try await client.execute(uri: "/policies/certification", method: .get)
            #expect(response.status == .ok)
            let page = Self.html(response)
            #expect(page.contains("<svg role=\"img\" aria-labelledby=\"diagram-caption\""))
            #expect(page.contains("</svg>"))
            #expect(!page.contains("```"), "the mermaid block is replaced by the SVG")
            #expect(page.contains("<h4 id=\"in-progress-in-progress\">In Progress (<code>in_progress</code>)</h4>"))
            #expect(page.contains("<th scope=\"row\"><code>expiring_notice_days</code></th>"))
            #expect(page.contains("<code>program.expires_after_months</code>"), "the facts table")
            #expect(page.contains("href=\"/policies/certification/decide\""))
        }
    }

    @Test func anUnknownPolicyIsAPageThatSaysSo() async throws {
        try await withApp { client in
            let response = try await client.execute(uri: "/policies/nope%3Cb%3E", method: .get)
            #expect(response.status == .notFound)
            #expect(Self.html(response).contains("No such policy"))
            #expect(!Self.html(response).contains("<b>"))
            let decide = try await client.execute(uri: "/policies/nope/decide", method: .get)
            #expect(decide.status == .notFound)
        }
    }

    @Test func theFormHasAFieldOfTheRightKindWithALabelForEveryFactAndSetting() async throws {
        try await withApp { client in
            let response = try await client.execute(uri: "/policies/certification/decide", method: .get)
            #expect(response.status == .ok)
            let page = Self.html(response)
            // bool: a checkbox; bool? would be a select; int?: a number; date?: a date; settings: numbers.
            #expect(page.contains("<input type=\"checkbox\" id=\"f-fact-program-require-approval\" name=\"fact.program.require_approval\" value=\"true\""))
            #expect(page.contains("<input type=\"number\" id=\"f-fact-program-expires-after-months\" name=\"fact.program.expires_after_months\" value=\"\" step=\"1\" min=\"0\""))
            #expect(page.contains("<input type=\"date\" id=\"f-fact-completed-on\" name=\"fact.completed_on\" value=\"\""))
            #expect(page.contains("<input type=\"number\" id=\"f-setting-expiring-notice-days\" name=\"setting.expiring_notice_days\" value=\"0\""))
            #expect(page.contains("<option value=\"\" selected>No status yet (a new record)</option>"))
            #expect(page.contains("value=\"2026-02-20\""), "today defaults to the server's date")
            // Every input and select has a label pointing at it.
            let ids = page.matches(of: /<(?:input|select) type="(?!hidden|radio)[^"]*"? ?id="([^"]+)"|<select id="([^"]+)"/).map { String($0.1 ?? $0.2 ?? "") }
            #expect(ids.count >= 14)
            for id in ids { #expect(page.contains("<label for=\"\(id)\">"), "no label for \(id)") }
        }
    }

    @Test func theAnswerShowsStatusNextChangeSettingsAndTheSameWordsAsEvalExplain() async throws {
        let words = try Self.expectedWords()
        try await withApp { client in
            let response = try await client.execute(uri: "/policies/certification/decide?" + Self.activeQuery, method: .get)
            #expect(response.status == .ok)
            let page = Self.html(response)
            #expect(page.contains("<p class=\"status\" id=\"result-status\">Active <code>active</code></p>"))
            #expect(page.contains("Expired (expired) on <time datetime=\"2026-02-28\">2026-02-28</time> (expire)"))
            #expect(page.contains("<code>expiring_notice_days</code> (“Send &#39;Certification Expiring&#39; Emails n Days Before Expiration”) is <strong>0</strong>"))
            #expect(page.contains("<pre class=\"words\" id=\"result-words\">" + words + "</pre>"))
            #expect(words.contains("settings.expiring_notice_days = 0"))
            #expect(page.contains("Allowed:</strong> set Cancelled (cancelled)"))
            // The form keeps what was asked.
            #expect(page.contains("name=\"fact.completed_on\" value=\"2025-01-31\""))
        }
    }

    /// The year ahead, as `statute timeline` plays it: expired on 2026-02-28 and nothing after.
    @Test func theAnswerShowsTheYearAheadAsTimelinePlaysIt() async throws {
        try await withApp { client in
            let response = try await client.execute(uri: "/policies/certification/decide?" + Self.activeQuery, method: .get)
            let page = Self.html(response)
            #expect(page.contains("The dated automatic changes until 2027-02-20"))
            #expect(page.contains("<ol id=\"result-timeline\"><li>2026-02-28: expire, Active (active) → Expired (expired)</li></ol>"))
        }
    }

    @Test func aPostedFormGetsTheSameAnswerAsAQuery() async throws {
        try await withApp { client in
            let get = try await client.execute(uri: "/policies/certification/decide?" + Self.activeQuery, method: .get)
            let post = try await client.execute(uri: "/policies/certification/decide", method: .post, headers: Self.form,
                                                body: ByteBuffer(string: Self.activeQuery))
            #expect(post.status == .ok)
            #expect(Self.html(post) == Self.html(get))
        }
    }

    @Test func eventsAndManualRequestsAreAnsweredWithStepsEffectsAndReasons() async throws {
        try await withApp { client in
            let apply = try await client.execute(
                uri: "/policies/certification/decide?request=event&event=apply&fact.program.require_approval=true&as=staff", method: .get)
            #expect(apply.status == .ok)
            #expect(Self.html(apply).contains("apply-with-approval: no status (new record) → Applied (applied) (automatic, on event)"))
            #expect(Self.html(apply).contains("<code>new_application_email</code> — Tell staff a new application is waiting for approval."))
            let rejected = try await client.execute(
                uri: "/policies/certification/decide?status=admin_review&request=manual&set=active&as=staff", method: .get)
            #expect(rejected.status == .ok)
            let page = Self.html(rejected)
            #expect(page.contains("Rejected: the record stays Admin Review (admin_review)"))
            #expect(page.contains("<strong>Reason:</strong>"))
            #expect(page.contains("Not allowed: set Active (active) (<code>approve-completion</code>)"))
        }
    }

    // MARK: - Hostile form input

    @Test func anUnknownFactIsAnsweredByTheFormWithTheError() async throws {
        try await withApp { client in
            let response = try await client.execute(uri: "/policies/certification/decide?fact.complted_on=2025-01-01&as=staff", method: .get)
            #expect(response.status == .unprocessableContent)
            let page = Self.html(response)
            #expect(page.contains("unknown fact <code>complted_on</code>; did you mean <code>completed_on</code>?"))
            #expect(page.contains("<form method=\"get\""))
            #expect(!page.contains("id=\"answer\""))
        }
    }

    @Test func aBadDateIsShownNextToItsField() async throws {
        try await withApp { client in
            for (bad, words) in [("2025-02-30", "is not a real calendar date"), ("yesterday", "must be a date written YYYY-MM-DD")] {
                let response = try await client.execute(uri: "/policies/certification/decide?status=active&fact.completed_on=\(bad)&as=staff", method: .get)
                #expect(response.status == .unprocessableContent)
                let page = Self.html(response)
                let field = page.components(separatedBy: "<div class=\"field invalid\">").dropFirst().first ?? ""
                #expect(field.contains("id=\"f-fact-completed-on\""))
                #expect(field.contains("aria-invalid=\"true\""))
                #expect(field.contains("<p class=\"error\" id=\"f-fact-completed-on-error\">"))
                #expect(field.contains(words))
                #expect(page.contains("value=\"\(bad)\""), "the form shows what was typed")
            }
            let today = try await client.execute(uri: "/policies/certification/decide?today=2026-13-01&as=staff", method: .get)
            #expect(today.status == .unprocessableContent)
            #expect(Self.html(today).contains("id=\"f-today-error\""))
        }
    }

    @Test func hugeFieldsAreRefusedWithoutBeingShownBack() async throws {
        try await withApp { client in
            let huge = String(repeating: "9", count: 5000)
            let response = try await client.execute(uri: "/policies/certification/decide?fact.components.required=\(huge)&as=staff", method: .get)
            #expect(response.status == .unprocessableContent)
            let page = Self.html(response)
            #expect(page.contains("too long: 5000 characters, at most 1000"))
            #expect(!page.contains(String(repeating: "9", count: 1001)))
            let body = "as=staff&fact.completed_on=" + String(repeating: "x", count: 70_000)
            let big = try await client.execute(uri: "/policies/certification/decide", method: .post, headers: Self.form,
                                               body: ByteBuffer(string: body))
            #expect(big.status == .contentTooLarge)
            #expect(Self.html(big).contains("the form is too large"))
            #expect(Self.html(big).contains("<form method=\"get\""))
        }
    }

    @Test func malformedMarkupAndEncodingsAreEscapedOrRefused() async throws {
        try await withApp { client in
            let script = try await client.execute(
                uri: "/policies/certification/decide?status=%3Cscript%3Ealert(1)%3C%2Fscript%3E&as=staff&x%3Cimg%3E=1", method: .get)
            #expect(script.status == .unprocessableContent)
            let page = Self.html(script)
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img>"))
            #expect(page.contains("unknown status <code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"))
            #expect(page.contains("unknown field <code>x&lt;img&gt;</code>"))
            for bad in ["status=%ZZ", "status=%C3%28", "status=a%00b"] {
                let response = try await client.execute(uri: "/policies/certification/decide?" + bad, method: .get)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(Self.html(response).contains("not valid urlencoded UTF-8"))
            }
            let wrongType = try await client.execute(uri: "/policies/certification/decide", method: .post,
                                                     headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(wrongType.status == .badRequest)
            let twice = try await client.execute(uri: "/policies/certification/decide?as=staff&as=admin", method: .get)
            #expect(twice.status == .badRequest)
            #expect(Self.html(twice).contains("<code>as</code> is given more than once"))
            let number = try await client.execute(uri: "/policies/certification/decide?as=staff&fact.components.required=-3", method: .get)
            #expect(Self.html(number).contains("must be at least 0, got -3"))
            let bool = try await client.execute(uri: "/policies/certification/decide?as=staff&fact.program.require_approval=maybe", method: .get)
            #expect(bool.status == .unprocessableContent)
        }
    }

    // MARK: - The token

    @Test func withATokenThePagesNeedTheHeaderOrTheSessionCookie() async throws {
        try await withApp(token: ServerFixtures.token) { client in
            let denied = try await client.execute(uri: "/policies/certification", method: .get)
            #expect(denied.status == .unauthorized)
            #expect(Self.html(denied).contains("<label for=\"token\">Token</label>"))
            #expect(!Self.html(denied).contains("<svg"))
            let header = try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer \(ServerFixtures.token)"])
            #expect(header.status == .ok)
            let wrong = try await client.execute(uri: "/login", method: .post, headers: Self.form,
                                                 body: ByteBuffer(string: "token=nope&next=%2Fpolicies%2Fcertification"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.setCookie] == nil)
            let right = try await client.execute(uri: "/login", method: .post, headers: Self.form,
                                                 body: ByteBuffer(string: "token=\(ServerFixtures.token)&next=%2Fpolicies%2Fcertification"))
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/policies/certification")
            let cookie = right.headers[.setCookie] ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains(ServerFixtures.token))
            let session = String(cookie.split(separator: ";")[0])
            let withCookie = try await client.execute(uri: "/policies/certification", method: .get, headers: [.cookie: session])
            #expect(withCookie.status == .ok)
            let forged = try await client.execute(uri: "/", method: .get, headers: [.cookie: "statute_console=\(ServerFixtures.token)"])
            #expect(forged.status == .unauthorized)
            // The API still wants the bearer token, not the cookie.
            let api = try await client.execute(uri: "/v1/policies", method: .get, headers: [.cookie: session])
            #expect(api.status == .unauthorized)
            let offsite = try await client.execute(uri: "/login", method: .post, headers: Self.form,
                                                   body: ByteBuffer(string: "token=\(ServerFixtures.token)&next=%2F%2Fevil.example"))
            #expect(offsite.headers[.location] == "/")
        }
    }

    @Test func aStalePolicyShowsItsDiagnosticsAsCheckPrintsThem() async throws {
        let file = folder.appendingPathComponent("certification.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        // A real `statute serve` process, as LiveServerTests run it, so the file watcher runs.
        let server = try ServerProcess(["--policy", folder.path, "--watch-interval", "0.2"])
        try await server.client { client in
            try (original.replacingOccurrences(of: "    to: expired\n", with: "    to: expird\n"))
                .write(to: file, atomically: true, encoding: .utf8)
            var page = ""
            for _ in 0..<200 {
                page = try await client.get("/").body.map { String(buffer: $0) } ?? ""
                if page.contains("state state-stale") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(page.contains("<span class=\"state state-stale\">stale</span>"))
            #expect(page.contains("error[unknown-status]: unknown status `expird`"))
            #expect(page.contains("|     to: expird\n"))
            #expect(page.contains("|         ^^^^^^"))
            #expect(page.contains("help: did you mean `expired`?"))
        }
        #expect(server.stop() == 0)
    }
}

@Suite struct ConsoleMarkupTests {
    @Test func aDocumentBecomesHTMLWithEveryWordEscapedOnce() {
        let document = DocDocument(blocks: [
            .heading(level: 1, ["Title <b>"]),
            .comment("hidden"),
            .heading(level: 2, ["Part <b>"]),
            .paragraph(["A ", .strong(["bold"]), " ", .emphasis(["word"]), " and ", .code("a<b"), " with snake_case_name."]),
            .table(header: [["A"], ["B"]], rows: [[[.code("x")], ["y | z"]]]),
            .list([["one"], ["two <i>"]]),
            .code(language: "mermaid", text: "graph"),
            .code(language: "", text: "<raw>"),
        ])
        let html = DocHTML.render(document, diagram: "<figure>SVG</figure>")
        #expect(!html.contains("Title"))
        #expect(!html.contains("hidden"))
        #expect(html.contains("<h3 id=\"part-b\">Part &lt;b&gt;</h3>"))
        #expect(html.contains("<p>A <strong>bold</strong> <em>word</em> and <code>a&lt;b</code> with snake_case_name.</p>"))
        #expect(html.contains("<thead><tr><th scope=\"col\">A</th><th scope=\"col\">B</th></tr></thead>"))
        #expect(html.contains("<tr><td><code>x</code></td><td>y | z</td></tr>"))
        #expect(html.contains("<li>two &lt;i&gt;</li>"))
        #expect(html.contains("<figure>SVG</figure>"))
        #expect(!html.contains("graph"))
        #expect(html.contains("<pre><code>&lt;raw&gt;</code></pre>"))
    }

    @Test func formsAreReadByTheURLEncodedFormDecoderStrictly() {
        #expect(ConsoleForm.read(Array("a=1&b=two+words&c=%C3%A9".utf8))
            == .success(ConsoleForm(fields: ["a": "1", "b": "two words", "c": "é"])))
        for bad in ["a=%", "a=%G1", "a=%FF", "a=%00", "a=1&a=2", "a[]=1"] {
            guard case .failure = ConsoleForm.read(Array(bad.utf8)) else { Issue.record("accepted \(bad)"); continue }
        }
        let many = (0...ConsoleForm.maxFields).map { "f\($0)=1" }.joined(separator: "&")
        guard case .failure(let error) = ConsoleForm.read(Array(many.utf8)) else { Issue.record("too many fields accepted"); return }
        #expect(error.message.contains("too many fields"))
        #expect(ConsoleForm.read([0x61, 0x3D, 0xFF])
            == .failure(ConsoleForm.ReadError(message: "the form is not valid urlencoded UTF-8 text")))
    }

    @Test func graphvizDrawsTheDefaultPolicyAsSVG() throws {
        let loaded = PolicyLoader.load(contentsOf: ServerFixtures.defaultPolicy.path)
        let policy = try #require(loaded.policy)
        guard case .success(let svg) = GraphvizSVG.render(dot: PolicyGraph.dot(for: policy)) else { Issue.record("no SVG"); return }
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("Admin Review"))
    }
}
