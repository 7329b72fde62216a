import Foundation
import Testing
@testable import Statute
import StatuteCore

/// The SARIF log's shape: rules from the catalog, results, notes, unreadable files.
@Suite("SARIF: the log")
struct SARIFRendererTests {
    static func render(_ files: [SARIFFile]) throws -> [String: Any] {
        var renderer = SARIFRenderer(workingDirectory: "/work")
        let data = Data(renderer.render(files).rendered().utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func run(_ log: [String: Any]) throws -> [String: Any] {
        try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func everyCatalogCodeIsARuleWithHelp() throws {
        let run = try Self.run(try Self.render([]))
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "statute")
        #expect(driver["version"] as? String == StatuteVersion.release)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == DiagnosticCatalog.entries.map(\.code.rawValue))
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            #expect(rule["helpUri"] as? String == DiagnosticCatalog.documentationBase + "diagnostics.md#" + id)
            #expect(((rule["help"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
        }
        #expect((run["invocations"] as? [[String: Any]])?.first?["executionSuccessful"] as? Bool == true)
    }

    @Test func notesBecomeRelatedLocationsAndHelpJoinsTheMessage() throws {
        let first = SourceSpan(file: "p.yaml", start: SourceLocation(line: 3, column: 3), end: SourceLocation(line: 3, column: 9))
        let second = SourceSpan(file: "p.yaml", start: SourceLocation(line: 9, column: 3), end: SourceLocation(line: 9, column: 9))
        let diagnostic = Diagnostic.error(.duplicateKey, "duplicate key `active`", at: second, help: "remove one")
            .noting("first written here", at: first).noting("a note with no place", at: nil)
        let run = try Self.run(try Self.render([SARIFFile(path: "p.yaml", diagnostics: [diagnostic])]))
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "duplicate-key")
        #expect(result["level"] as? String == "error")
        #expect((result["message"] as? [String: Any])?["text"] as? String
                == "duplicate key `active`\nhelp: remove one\nnote: a note with no place")
        let related = try #require(result["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect((related[0]["message"] as? [String: Any])?["text"] as? String == "first written here")
        let region = (related[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
        #expect(region == ["startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 9])
    }

    @Test func filesThatCouldNotBeReadAreNotificationsNotResults() throws {
        let utf8 = SourceSpan(file: "latin1.yaml", at: SourceLocation(line: 2, column: 4))
        let files = [
            SARIFFile(path: "gone.yaml", diagnostics: [.error(.unreadableFile, "no such file `gone.yaml`", at: nil)]),
            SARIFFile(path: "latin1.yaml", diagnostics: [.error("invalid-utf8", "invalid UTF-8 byte `E9`", at: utf8)]),
            SARIFFile(path: "t.test.yaml", diagnostics: [
                .error(.unreadableFile, "cannot read the policy `p.yaml`", at: SourceSpan(file: "t.test.yaml", at: SourceLocation(line: 1, column: 9))),
            ]),
        ]
        let run = try Self.run(try Self.render(files))
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.count == 2)
        let uris = notifications.compactMap {
            ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        #expect(uris == ["gone.yaml", "latin1.yaml"])
        // The test file's reference to a missing policy is the test file's problem: a result.
        #expect((run["results"] as? [[String: Any]])?.map { $0["ruleId"] as? String } == ["unreadable-file"])
    }

    @Test func controlAndBidiCharactersAreEscapedInMessages() throws {
        let span = SourceSpan(file: "p\u{1B}[31m.yaml", at: SourceLocation(line: 1, column: 1))
        let run = try Self.run(try Self.render([SARIFFile(path: span.file, diagnostics: [
            .error(.unknownStatus, "unknown status `a\u{202E}b\u{1B}[2J`", at: span),
        ])]))
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect((result["message"] as? [String: Any])?["text"] as? String == "unknown status `a\\u202Eb\\u001B[2J`")
        let artifact = (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])
        #expect(artifact?["uri"] as? String == "p%1B%5B31m.yaml")
    }
}
