import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Statute
import Testing
@testable import StatuteServer

/// `--users FILE` and `statute users add`: personal tokens stored as salted hashes, read with
/// positions, and a person who acts in their own name and role only — over the API and in the
/// console, whatever the request says.
@Suite struct PeopleTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// A users file with Ann (staff) and Bo (admin); their tokens.
    static func users(_ folder: URL) throws -> (file: String, ann: String, bo: String) {
        // Beside the policies' folder, not in it: every YAML file there is read as a policy.
        let file = folder.deletingLastPathComponent().appendingPathComponent("users-\(UUID().uuidString).yaml").path
        let ann = try UsersFile.add(name: "Ann Clerk", role: "staff", file: file).get()
        let bo = try UsersFile.add(name: "Bo Admin", role: "admin", file: file).get()
        return (file, ann, bo)
    }

    static func app(_ folder: URL, users: String, token: String? = nil) async throws -> some ApplicationProtocol {
        var configuration = ServerFixtures.configuration(folder, token: token)
        configuration.store = try await RecordStoreKind.sqlite.make(folder)
        configuration.usersFile = users
        return try buildApplication(configuration, trapSIGHUP: false)
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    // MARK: - The file

    @Test func usersAddKeepsASaltedHashAndNeverTheToken() throws {
        let folder = try ServerFixtures.folder()
        let (file, ann, bo) = try Self.users(folder)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let token = try #require(PersonalToken(parsing: ann))
        #expect(!text.contains(token.secret))
        #expect(text.contains(token.id))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let people = try People.read(contentsOf: file).get()
        #expect(people.person(token: ann)?.name == "Ann Clerk")
        #expect(people.person(token: bo)?.role == "admin")
        // The right id with another secret, or anything else, is nobody.
        let forged = PersonalToken(id: token.id, secret: String(repeating: "0", count: 64)).text
        #expect(people.person(token: forged) == nil)
        #expect(people.person(token: "") == nil && people.person(token: ServerFixtures.token) == nil)
        // Two salts: the same secret would hash differently in each entry.
        #expect(people.all[0].tokenHash != people.all[1].tokenHash)

        // A name is one person; a name with quotes and a colon survives the file.
        guard case .failure = UsersFile.add(name: "Ann Clerk", role: "admin", file: file) else { Issue.record("duplicate added"); return }
        let odd = #"O'Brien: "the" #1"#
        let third = try UsersFile.add(name: odd, role: "staff", file: file).get()
        #expect(try People.read(contentsOf: file).get().person(token: third)?.name == odd)
        guard case .failure = UsersFile.add(name: "two\nlines", role: "staff", file: file) else { Issue.record("control character added"); return }
        guard case .failure = UsersFile.add(name: "Cy", role: "no role!", file: file) else { Issue.record("bad role added"); return }
    }

    @Test func aBadUsersFileIsAnErrorWithItsLine() throws {
        let cases: [(String, String, Int)] = [
            ("users:\n  - name: Ann\n    role: staff\n", "this person has no `token_id`", 2),
            ("users:\n  - name: Ann\n    role: staff\n    token_id: nothex\n    token_hash: x\n", "`token_id` must be 16 hex digits", 4),
            ("people: []\n", "a users file is a mapping with one key", 1),
            ("users:\n  - name: Ann\n    role: staff\n    token_id: 0123456789abcdef\n    token_hash: \"sha256:00112233445566778899aabbccddeeff:\(String(repeating: "a", count: 64))\"\n    admin: true\n",
             "unknown key `admin`", 6),
            ("users: [\n", "", 0),
        ]
        for (text, message, line) in cases {
            guard case .failure(let problems) = People.read(bytes: Array(text.utf8), file: "users.yaml") else {
                Issue.record("read: \(text)"); continue
            }
            // Line 0: a syntax error, wherever libyaml places it, as long as it has a place.
            #expect(problems.diagnostics.contains { (message.isEmpty || $0.message.contains(message)) && (line == 0 ? $0.span != nil : $0.span?.start.line == line) },
                    "\(problems)")
        }
        let folder = try ServerFixtures.folder()
        let bad = folder.appendingPathComponent("bad.yaml")
        try "users:\n  - nobody\n".write(to: bad, atomically: true, encoding: .utf8)
        var configuration = ServerFixtures.configuration(folder)
        configuration.usersFile = bad.path
        #expect(throws: ServerSetupError.self) { _ = try buildApplication(configuration, trapSIGHUP: false) }
    }

    // MARK: - The API

    @Test func aClerkCannotActAsAnAdminByEditingTheRequest() async throws {
        let folder = try ServerFixtures.folder()
        let (file, ann, bo) = try Self.users(folder)
        try await Self.app(folder, users: file, token: ServerFixtures.token).test(.router) { client in
            // With --users every /v1 route needs a token: the server's or a person's.
            #expect(try await client.execute(uri: "/v1/policies", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/v1/policies", method: .get, headers: Self.bearer(ann)).status == .ok)
            #expect(try await client.execute(uri: "/v1/policies", method: .get, headers: Self.bearer(ServerFixtures.token)).status == .ok)

            let record = #"{"id": "r-9", "status": "admin_review", "facts": {"components": {"required": 1, "completed": 1}, "program": {"require_completion_approval": true}}}"#
            #expect(try await RecordsRouteTests.post(client, "/v1/records/certification", record, headers: Self.bearer(ann)).0 == .created)
            let apply = "/v1/records/certification/r-9/apply"
            let (asAdmin, refused) = try await RecordsRouteTests.post(client, apply, #"{"set": "active", "as": "admin"}"#, headers: Self.bearer(ann))
            #expect(asAdmin == .forbidden && RecordsRouteTests.code(refused) == "not-your-role")
            let (asBo, notYou) = try await RecordsRouteTests.post(client, apply, #"{"set": "active", "actor": "Bo Admin"}"#, headers: Self.bearer(ann))
            #expect(asBo == .forbidden && RecordsRouteTests.code(notYou) == "not-your-name")
            // In her own role the request is the policy's to refuse: staff may not approve.
            let (own, rejected) = try await RecordsRouteTests.post(client, apply, #"{"set": "active"}"#, headers: Self.bearer(ann))
            #expect(own == .ok && ServerFixtures.string(rejected?["outcome"]) == "rejected")
            #expect(rejected?["version"] == .int(1))

            let (approved, change) = try await RecordsRouteTests.post(client, apply, #"{"set": "active", "reason": "checked"}"#, headers: Self.bearer(bo))
            #expect(approved == .ok && ServerFixtures.string(change?["outcome"]) == "changed")
            let shown = try await RecordsRouteTests.get(client, "/v1/records/certification/r-9", headers: Self.bearer(ann)).1
            guard case .array(let history)? = shown?["history"], let last = history.last else { Issue.record("no history"); return }
            #expect(ServerFixtures.string(last["actor"]) == "Bo Admin")
            #expect(ServerFixtures.string(last["as"]) == "admin")
            #expect(ServerFixtures.string(last["reason"]) == "checked")
        }
    }

    // MARK: - The console

    static func signIn(_ client: some TestClientProtocol, _ token: String) async throws -> HTTPFields {
        let response = try await client.execute(uri: "/login", method: .post, headers: form,
                                                body: ByteBuffer(string: "token=\(token)&next=%2F"))
        #expect(response.status == .seeOther)
        let cookie = String((response.headers[.setCookie] ?? "").split(separator: ";")[0])
        return [.cookie: cookie]
    }

    static func page(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        return (response.status, String(buffer: response.body))
    }

    static func formKey(_ html: String) -> String? {
        guard let range = html.range(of: #"name="form_key" value="[0-9a-f]{64}""#, options: .regularExpression) else { return nil }
        return String(html[range].dropLast().suffix(64))
    }

    static func submit(_ client: some TestClientProtocol, _ uri: String, _ fields: String, _ headers: HTTPFields) async throws -> HTTPResponse.Status {
        var all = form
        all.append(contentsOf: headers)
        return try await client.execute(uri: uri, method: .post, headers: all, body: ByteBuffer(string: fields)).status
    }

    @Test func theRecordPageShowsTheRecordAndAppliesAChangeAsThePersonSignedIn() async throws {
        let folder = try ServerFixtures.folder()
        let (file, ann, _) = try Self.users(folder)
        try await Self.app(folder, users: file).test(.router) { client in
            let id = "<b>r</b>&1"
            let record = JSONValue.object([("id", .string(id)), ("event", .string("apply")),
                                           ("facts", .object([("components.required", .int(3))]))]).rendered()
            #expect(try await RecordsRouteTests.post(client, "/v1/records/certification", record, headers: Self.bearer(ann)).0 == .created)
            let path = "/records/certification/" + RecordPath.encode(id)
            // Not signed in: the sign-in form.
            #expect(try await Self.page(client, path, [:]).0 == .unauthorized)

            let session = try await Self.signIn(client, ann)
            let (status, html) = try await Self.page(client, path, session)
            #expect(status == .ok)
            #expect(html.contains("&lt;b&gt;r&lt;/b&gt;&amp;1") && !html.contains("<b>r</b>"))
            #expect(html.contains("In Progress") && html.contains(#"id="why-words""#) && html.contains(#"id="history""#))
            #expect(html.contains("Ann Clerk") && html.contains(#"value="deactivate""#))
            #expect(!html.contains(#"value="approve-completion""#))
            let key = try #require(Self.formKey(html))
            let apply = path + "/apply"

            // No form key, another session's key, or a field choosing a role: nothing is applied.
            #expect(try await Self.submit(client, apply, "transition=deactivate&reason=x&expect_version=1", session) == .forbidden)
            #expect(try await Self.submit(client, apply, "form_key=\(String(repeating: "0", count: 64))&transition=deactivate&reason=x", session) == .forbidden)
            #expect(try await Self.submit(client, apply, "form_key=\(key)&transition=deactivate&reason=x&as=admin", session) == .badRequest)
            #expect(try await Self.submit(client, apply, "form_key=\(key)&transition=deactivate&reason=", session) == .unprocessableContent)
            // A transition of another role, written into the form by hand: the policy refuses it.
            #expect(try await Self.submit(client, apply, "form_key=\(key)&transition=approve-completion&reason=x", session) == .unprocessableContent)
            let unchanged = try await RecordsRouteTests.get(client, "/v1/records/certification/" + RecordPath.encode(id), headers: Self.bearer(ann)).1
            #expect(unchanged?["version"] == .int(1))

            let reason = "<script>alert(1)</script> on leave"
            let body = "form_key=\(key)&transition=deactivate&expect_version=1&reason=" + (reason.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            #expect(try await Self.submit(client, apply, body, session) == .seeOther)
            let (_, after) = try await Self.page(client, path + "?applied=2", session)
            #expect(after.contains("Change applied") && after.contains("Inactive"))
            // The import's entry names no role; the change names hers.
            #expect(!after.contains("system <span class=\"hint\">as") && after.contains("Ann Clerk <span class=\"hint\">as staff</span>"))
            #expect(after.contains("&lt;script&gt;alert(1)&lt;/script&gt; on leave") && !after.contains("<script>alert"))
            let shown = try await RecordsRouteTests.get(client, "/v1/records/certification/" + RecordPath.encode(id), headers: Self.bearer(ann)).1
            guard case .array(let history)? = shown?["history"], let last = history.last else { Issue.record("no history"); return }
            #expect(ServerFixtures.string(last["actor"]) == "Ann Clerk" && ServerFixtures.string(last["as"]) == "staff")
            #expect(ServerFixtures.string(last["reason"]) == reason)

            // The policy page looks records up by id.
            let (_, policyPage) = try await Self.page(client, "/policies/certification", session)
            #expect(policyPage.contains(#"id="look-up""#))
            let found = try await client.execute(uri: "/records/certification?id=" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                                 method: .get, headers: session)
            #expect(found.status == .seeOther && found.headers[.location] == path)
            #expect(try await Self.page(client, "/records/certification/nobody", session).0 == .notFound)
        }
    }
}
