import Foundation
import Statute
import Testing
@testable import StatuteLanguageServer

/// Hover, definition, references, completion, quick fixes, outline and rename on the
/// default policy and its test file, copied into a temporary folder that each test's
/// instance removes when it ends.
@Suite final class FeatureTests {
    let folder = Fixtures.certificationFolder()

    deinit { try? FileManager.default.removeItem(atPath: folder) }
    var policyURI: String { DocumentURI.uri(ofPath: folder + "/certification.yaml") }
    var testURI: String { DocumentURI.uri(ofPath: folder + "/certification.test.yaml") }
    let policy = Fixtures.text("policies/certification.yaml")
    let tests = Fixtures.text("policies/certification.test.yaml")

    func client() -> TestClient {
        let client = TestClient(root: folder)
        client.open(policyURI, policy)
        return client
    }

    func at(_ needle: String, offset: Int = 1, in text: String? = nil, uri: String? = nil) -> JSON {
        let (line, character) = Fixtures.position(of: needle, in: text ?? policy, offset: offset)
        return TestClient.at(uri ?? policyURI, line, character)
    }

    @Test func hoverOnAStatusSaysHowItIsSet() {
        let hover = client().result("textDocument/hover", at("to: expiring", offset: 6))
        let text = hover["contents"]?["value"]?.string ?? ""
        #expect(text.contains("**status** `expiring`"))
        #expect(text.contains("Expiring"))
        #expect(text.contains("Set automatically"))
    }

    @Test func hoverOnASettingGivesItsLabelAndDefault() {
        let hover = client().result("textDocument/hover", at("settings.expiring_notice_days", offset: 12))
        let text = hover["contents"]?["value"]?.string ?? ""
        #expect(text.contains("Send 'Certification Expiring' Emails n Days Before Expiration"))
        #expect(text.contains("Default: `0`"))
        #expect(text.contains("min 0"))
    }

    @Test func hoverOnAFunctionAKeyAndAFact() {
        let client = client()
        let function = client.result("textDocument/hover", at("months(", offset: 2))["contents"]?["value"]?.string ?? ""
        #expect(function.contains("months(n: int) -> period"))
        let key = client.result("textDocument/hover", at("    guard:", offset: 5))["contents"]?["value"]?.string ?? ""
        #expect(key.contains("must hold"))
        let fact = client.result("textDocument/hover", at("guard: program.require_approval", offset: 12))
        #expect(fact["contents"]?["value"]?.string?.contains("Require approval") == true)
    }

    @Test func definitionFromTheTestFileAndReferencesIntoIt() {
        let client = client()
        client.open(testURI, tests)
        let definition = client.result("textDocument/definition", at("status: applied", offset: 9, in: tests, uri: testURI))
        #expect(definition.array?.first?["uri"]?.string == policyURI)
        let (line, _) = Fixtures.position(of: "  applied:", in: policy)
        #expect(definition.array?.first?["range"]?["start"]?["line"]?.int == line)

        var params = at("  applied:", offset: 3)
        if case .object(var members) = params { members["context"] = ["includeDeclaration": true]; params = .object(members) }
        let references = client.result("textDocument/references", params).array ?? []
        #expect(references.contains { $0["uri"]?.string == testURI })
        #expect(references.contains { $0["uri"]?.string == policyURI })
    }

    @Test func completionInEachPlace() {
        let client = client()
        func labels(_ text: String, _ line: Int, _ character: Int) -> [String] {
            client.open("file:///nowhere/c.yaml", text)
            return client.result("textDocument/completion", TestClient.at("file:///nowhere/c.yaml", line, character))["items"]?
                .array?.compactMap { $0["label"]?.string } ?? []
        }
        let head = policy.components(separatedBy: "transitions:")[0] + "transitions:\n  - id: x\n"
        let base = head.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(labels(head + "    to: ex", base, 10).contains("expired"))
        #expect(labels(head + "    from: [active, ", base, 20).contains("start"))
        #expect(labels(head + "    from: [active, ", base, 20).contains("*"))
        #expect(labels(head + "    by: ", base, 8).contains("staff"))
        #expect(labels(head + "    on: ", base, 8).contains("apply"))
        #expect(labels(head + "    effects: [", base, 14).contains("issue_certificate"))
        let expression = labels(head + "    when: settings.", base, 19)
        #expect(expression.contains("settings.expiring_notice_days"))
        #expect(expression.contains("program.require_approval"))
        #expect(expression.contains("all_components_completed"))
        #expect(expression.contains("days_between"))
        #expect(labels(head + "    gu", base, 6).contains("guard"))
        #expect(labels("statute: 1\nti", 1, 2).contains("title"))
    }

    @Test func quickFixForEveryDidYouMean() {
        let client = client()
        let text = policy.replacingOccurrences(of: "guard: program.require_approval", with: "guard: program.require_aproval")
            .replacingOccurrences(of: "to: expired", with: "to: expird")
        client.open(policyURI, text)
        let broken = client.diagnostics(policyURI).filter { $0["data"]?["help"]?.string?.contains("did you mean") == true }
        #expect(broken.count >= 2)
        for diagnostic in broken {
            let actions = client.result("textDocument/codeAction", [
                "textDocument": ["uri": .string(policyURI)], "range": diagnostic["range"]!,
                "context": ["diagnostics": [diagnostic]],
            ]).array ?? []
            #expect(actions.count >= 1)
            let edit = actions.first?["edit"]?["changes"]?[policyURI]?.array?.first
            #expect(["program.require_approval", "expired"].contains(edit?["newText"]?.string))
        }
    }

    @Test func outline() {
        let symbols = client().result("textDocument/documentSymbol", ["textDocument": ["uri": .string(policyURI)]]).array ?? []
        let groups = symbols.compactMap { $0["name"]?.string }
        #expect(groups == ["statuses", "transitions", "facts", "settings", "derive", "events", "effects", "roles"])
        let statuses = symbols.first?["children"]?.array?.compactMap { $0["name"]?.string } ?? []
        #expect(statuses.contains("admin_review"))
    }

    @Test func renameReachesTheTestFile() throws {
        let client = client()
        let prepare = client.result("textDocument/prepareRename", at("  applied:", offset: 3))
        #expect(prepare["placeholder"]?.string == "applied")
        var params = at("  applied:", offset: 3)
        if case .object(var members) = params { members["newName"] = "pending_approval"; params = .object(members) }
        let edit = client.result("textDocument/rename", params)
        let policyEdits = edit["changes"]?[policyURI]?.array ?? []
        let testEdits = edit["changes"]?[testURI]?.array ?? []
        #expect(policyEdits.count >= 3)
        #expect(!testEdits.isEmpty)
        // Applied, the policy and its tests still check clean.
        let renamedPolicy = apply(policyEdits, to: policy)
        let renamedTests = apply(testEdits, to: tests)
        try renamedPolicy.write(toFile: folder + "/certification.yaml", atomically: true, encoding: .utf8)
        try renamedTests.write(toFile: folder + "/certification.test.yaml", atomically: true, encoding: .utf8)
        #expect(SourceFileCheck.check(contentsOf: folder + "/certification.yaml").diagnostics.isEmpty)
        #expect(SourceFileCheck.check(contentsOf: folder + "/certification.test.yaml").diagnostics.isEmpty)
        // A taken or malformed name is refused.
        if case .object(var members) = params {
            members["newName"] = "active"
            #expect(client.request("textDocument/rename", .object(members))["error"] != nil)
            members["newName"] = "Bad Name"
            #expect(client.request("textDocument/rename", .object(members))["error"] != nil)
        }
    }

    func apply(_ edits: [JSON], to text: String) -> String {
        var document = OpenDocument(uri: "file:///x", version: 1, text: text)
        let sorted = edits.sorted { (TextRange($0["range"])?.start ?? .init(line: 0, character: 0)) > (TextRange($1["range"])?.start ?? .init(line: 0, character: 0)) }
        for edit in sorted { _ = document.apply(change: ["range": edit["range"]!, "text": edit["newText"]!]) }
        return document.text
    }
}
