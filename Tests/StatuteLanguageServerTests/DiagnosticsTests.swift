import Foundation
import Statute
import Testing
@testable import StatuteLanguageServer

/// Diagnostics are `statute check`'s, for text in memory: same codes, messages, help,
/// positions and notes.
@Suite struct DiagnosticsTests {
    static let broken = """
        statute: 1
        name: demo
        description: "é𝄞漢 before the errors"
        facts:
          program.require_approval: bool
        statuses:
          active: {label: "Actif é"}
          expired: {}
        transitions:
          - id: expire
            from: active
            to: expird
            mode: automatic
            when: "program.require_aproval"
          - id: expire
            from: active
            to: expired
            mode: manual
            by: staff
        """

    @Test func sameAsTheChecker() {
        let client = TestClient()
        let uri = "file:///nowhere/demo.yaml"
        client.open(uri, Self.broken)
        let published = client.diagnostics(uri)
        let expected = SourceFileCheck.check(bytes: Array(Self.broken.utf8), file: "/nowhere/demo.yaml").diagnostics
        #expect(!expected.isEmpty)
        #expect(published.count == expected.count)
        let lines = SourceLines(Self.broken)
        for (json, diagnostic) in zip(published, expected) {
            #expect(json["code"]?.string == diagnostic.code.rawValue)
            #expect(json["message"]?.string == diagnostic.message)
            #expect(json["severity"]?.int == (diagnostic.isError ? 1 : 2))
            #expect(json["data"]?["help"]?.string == diagnostic.help)
            if let span = diagnostic.span { #expect(TextRange(json["range"]) == lines.range(of: span)) }
            let related = json["relatedInformation"]?.array ?? []
            #expect(related.count == diagnostic.notes.count + (diagnostic.help == nil ? 0 : 1))
        }
        // The misspelt status, with its "did you mean" and its exact place after the non-ASCII line.
        let status = published.first { $0["code"] == "unknown-status" }
        #expect(status?["data"]?["help"]?.string?.contains("expired") == true)
        let (line, character) = Fixtures.position(of: "expird", in: Self.broken)
        #expect(TextRange(status?["range"])?.start == Position(line: line, character: character))
        // The duplicate id, with a note where it was first declared.
        let duplicate = published.first { $0["code"]?.string?.contains("duplicate") == true }
        #expect(duplicate?["relatedInformation"]?.array?.isEmpty == false)
    }

    @Test func changesAreCheckedAgain() {
        let client = TestClient()
        let uri = "file:///nowhere/demo.yaml"
        client.open(uri, Self.broken)
        let before = client.diagnostics(uri).count
        let (line, character) = Fixtures.position(of: "expird", in: Self.broken)
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(uri), "version": 2],
            "contentChanges": [["range": ["start": ["line": .int(line), "character": .int(character)],
                                          "end": ["line": .int(line), "character": .int(character + 6)]],
                                "text": "expired"]],
        ])
        #expect(client.diagnostics(uri).count == before - 1)
        #expect(!client.diagnostics(uri).contains { $0["code"] == "unknown-status" })
    }

    @Test func warningsAreWarnings() {
        let client = TestClient()
        let text = """
            statute: 1
            name: demo
            statuses:
              a: {}
              b: {}
              orphan: {}
            transitions:
              - {id: go, from: start, to: a, mode: manual, by: staff}
              - {id: on, from: a, to: b, mode: manual, by: staff}
            roles:
              staff: {}
            """
        client.open("file:///nowhere/w.yaml", text)
        let published = client.diagnostics("file:///nowhere/w.yaml")
        #expect(!published.isEmpty)
        #expect(published.allSatisfy { $0["severity"] == 2 })
    }

    @Test func testFilesAreCheckedAgainstTheOpenPolicyBuffer() throws {
        let folder = Fixtures.certificationFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = TestClient(root: folder)
        let testURI = DocumentURI.uri(ofPath: folder + "/certification.test.yaml")
        let policyURI = DocumentURI.uri(ofPath: folder + "/certification.yaml")
        let tests = Fixtures.text("policies/certification.test.yaml")
        client.open(testURI, tests)
        #expect(client.diagnostics(testURI).isEmpty)
        // The policy's buffer renames `applied` (unsaved): the test file now names an unknown status.
        let policy = Fixtures.text("policies/certification.yaml").replacingOccurrences(of: "applied", with: "pending")
        client.open(policyURI, policy)
        #expect(client.diagnostics(testURI).contains { $0["code"] == "unknown-status" })
        // Closed again: the file on disk is used.
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(policyURI)]])
        #expect(client.diagnostics(testURI).isEmpty)
    }
}
