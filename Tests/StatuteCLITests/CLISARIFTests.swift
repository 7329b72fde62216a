import Foundation
import Testing

/// `statute check|test --format sarif` on good, broken, hostile and unreadable files: every
/// log is validated against the OASIS SARIF 2.1.0 schema by a real JSON Schema validator
/// (Python's jsonschema, draft-04: Fixtures/sarif/validate.py) before anything else is looked at.
@Suite("CLI: SARIF")
struct CLISARIFTests {
    static let validator = StatuteBinary.fixtures.appendingPathComponent("sarif/validate.py").path

    static let policy = """
        statute: 1
        name: tiny
        roles: {staff: {}}
        statuses:
          open: {label: Open}
          closed: {label: Closed, final: true}
        transitions:
          - id: open
            from: start
            to: open
            mode: manual
            by: staff
          - id: close
            from: open
            to: closed
            mode: manual
            by: staff

        """

    /// The policy with its last transition on one line, `description` first, `to` naming an unknown status.
    static func oneLine(description: String) -> String {
        policy.replacingOccurrences(of: "  - id: close\n    from: open\n    to: closed\n    mode: manual\n    by: staff\n",
                                    with: "  - {description: \"\(description)\", id: close, from: open, to: closd, mode: manual, by: staff}\n")
    }

    /// A folder with policies and test files of every kind, as a policy repository would have.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub dir"), withIntermediateDirectories: true)
        try write("good.yaml", Self.policy)
        try write("broken.yaml", Self.policy.replacingOccurrences(of: "to: closed", with: "to: closd"))
        try write("good.test.yaml", """
            policy: good.yaml
            today: 2026-03-01
            tests:
              - name: staff close an open record
                status: open
                set: closed
                as: staff
                expect: {status: closed}
              - name: a failing expectation
                status: open
                set: closed
                as: staff
                expect: {status: open}

            """)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(name))
    }

    /// Runs `statute arguments…` in the folder and returns its exit status and the validated log.
    func sarif(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int32, log: [String: Any]) {
        let run = try StatuteBinary.run(arguments + ["--format", "sarif"], environment: ["NO_COLOR": "1"], directory: folder)
        let validation = try StatuteBinary.runProgram("/usr/bin/env", ["python3", Self.validator, "-"], input: run.stdout)
        #expect(validation.status == 0, "the SARIF log is not valid:\n\(validation.stdout)\(validation.stderr)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return (run.status, try #require(object, sourceLocation: sourceLocation))
    }

    static func run(_ log: [String: Any]) -> [String: Any] {
        (log["runs"] as? [[String: Any]])?.first ?? [:]
    }

    static func results(_ log: [String: Any]) -> [[String: Any]] {
        run(log)["results"] as? [[String: Any]] ?? []
    }

    static func notifications(_ log: [String: Any]) -> [[String: Any]] {
        (run(log)["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]] ?? []
    }

    static func succeeded(_ log: [String: Any]) -> Bool? {
        (run(log)["invocations"] as? [[String: Any]])?.first?["executionSuccessful"] as? Bool
    }

    static func physical(_ result: [String: Any]) -> [String: Any] {
        ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
    }

    static func uri(_ result: [String: Any]) -> String? {
        (physical(result)["artifactLocation"] as? [String: Any])?["uri"] as? String
    }

    static func region(_ result: [String: Any]) -> [String: Int] {
        physical(result)["region"] as? [String: Int] ?? [:]
    }

    @Test func aCleanCheckHasNoResults() throws {
        let (status, log) = try sarif(["check", "good.yaml"])
        #expect(status == 0)
        #expect(Self.results(log).isEmpty)
        #expect(Self.succeeded(log) == true)
    }

    @Test func aBrokenPolicyIsAResultWithItsPlace() throws {
        let (status, log) = try sarif(["check", "./broken.yaml", "good.yaml"])
        #expect(status == 1)
        let result = try #require(Self.results(log).first)
        #expect(result["ruleId"] as? String == "unknown-status")
        #expect(result["level"] as? String == "error")
        #expect(Self.uri(result) == "broken.yaml")
        #expect((Self.physical(result)["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")
        #expect(Self.region(result) == ["startLine": 15, "startColumn": 9, "endLine": 15, "endColumn": 14])
        #expect(((result["message"] as? [String: Any])?["text"] as? String)?.contains("help: did you mean `closed`?") == true)
    }

    @Test func columnsAfterAnEmojiCountUTF16Units() throws {
        // The unknown status stands after `😀é` on its line: Statute's column (Unicode
        // scalars) is one less than SARIF's (UTF-16 code units).
        try write("wide.yaml", Self.oneLine(description: "\u{1F600}\u{E9}"))
        let json = try StatuteBinary.run(["check", "wide.yaml", "--format", "json"], environment: [:], directory: folder)
        let diagnostics = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["diagnostics"] as? [[String: Any]]
        let diagnostic = try #require(diagnostics?.first { $0["code"] as? String == "unknown-status" })
        let (_, log) = try sarif(["check", "wide.yaml"])
        let result = try #require(Self.results(log).first { $0["ruleId"] as? String == "unknown-status" })
        let column = try #require(diagnostic["column"] as? Int)
        #expect(diagnostic["line"] as? Int == 13 && Self.region(result)["startLine"] == 13)
        #expect(column > 20)
        #expect(Self.region(result)["startColumn"] == column + 1)
        #expect(Self.region(result)["endColumn"] == (diagnostic["end_column"] as? Int).map { $0 + 1 })
    }

    @Test func notesAreRelatedLocations() throws {
        try write("dup.yaml", Self.policy + "  - id: close\n    from: open\n    to: closed\n    mode: manual\n    by: staff\n")
        let (_, log) = try sarif(["check", "dup.yaml"])
        let result = try #require(Self.results(log).first { $0["ruleId"] as? String == "duplicate-transition" })
        let related = try #require(result["relatedLocations"] as? [[String: Any]])
        #expect(!related.isEmpty)
        #expect(((related[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Int])?["startLine"] == 13)
    }

    @Test func namesAreRelativeAndPercentEncoded() throws {
        try write("sub dir/caf\u{E9} #1.yaml", Self.policy.replacingOccurrences(of: "to: closed", with: "to: closd"))
        let (_, log) = try sarif(["check", "sub dir", folder.appendingPathComponent("broken.yaml").path])
        #expect(Self.results(log).compactMap(Self.uri) == ["sub%20dir/caf%C3%A9%20%231.yaml", "broken.yaml"])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("statute-sarif-outside-\(UUID().uuidString).yaml")
        try Data(Self.policy.replacingOccurrences(of: "to: closed", with: "to: closd").utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let (_, elsewhere) = try sarif(["check", outside.path])
        let result = try #require(Self.results(elsewhere).first)
        #expect(Self.uri(result) == "file://" + outside.path)
        #expect((Self.physical(result)["artifactLocation"] as? [String: Any])?["uriBaseId"] == nil)
    }

    @Test func hostileFilesGiveValidLogsWithEscapedText() throws {
        // Control characters, an escape sequence and bidi overrides in names; a 200,000-character line.
        try write("hostile.yaml", Self.policy.replacingOccurrences(of: "to: closed", with: "to: \"cl\\e[2J\u{202E}osd\\u0007\""))
        try write("huge.yaml", Self.oneLine(description: String(repeating: "\u{1F600}", count: 100_000)))
        try write("tabs\u{1B}[31m.yaml", "statute: 1\nname: [\u{7F}\n")
        let (status, log) = try sarif(["check", "."])
        #expect(status == 1)
        let text = Self.results(log).compactMap { ($0["message"] as? [String: Any])?["text"] as? String }.joined()
        #expect(text.contains("\\u202E"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x07 })
        let huge = try #require(Self.results(log).first { Self.uri($0) == "huge.yaml" && $0["ruleId"] as? String == "unknown-status" })
        #expect(Self.region(huge)["startColumn"]! > 200_000)
    }

    @Test func unreadableFilesAreNotifications() throws {
        var bytes = Array(Self.policy.utf8)
        bytes.insert(0xE9, at: 30)  // Latin-1 é: not UTF-8
        try write("latin1.yaml", bytes: bytes)
        try write("large.yaml", String(repeating: "# padding\n", count: 500_000))
        try write("locked.yaml", Self.policy)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.appendingPathComponent("locked.yaml").path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("locked.yaml").path) }
        let (status, log) = try sarif(["check", "good.yaml", "latin1.yaml", "large.yaml", "locked.yaml", "missing.yaml"])
        #expect(status == 2)
        #expect(Self.succeeded(log) == false)
        var unreadable = Set(Self.notifications(log).compactMap(Self.uri))
        if getuid() == 0 { unreadable.insert("locked.yaml") }  // root reads a file of mode 000
        #expect(unreadable == ["latin1.yaml", "large.yaml", "locked.yaml", "missing.yaml"])
        #expect(Self.notifications(log).allSatisfy { $0["level"] as? String == "error" })
        #expect(Self.results(log).isEmpty)
    }

    @Test func testReportsFailedTestsAndBrokenTestFiles() throws {
        try write("broken.test.yaml", "policy: broken.yaml\ntests:\n  - name: never runs\n    expect: {status: open}\n")
        try write("lost.test.yaml", "policy: nowhere.yaml\ntests:\n  - name: never runs\n    expect: {status: open}\n")
        let (status, log) = try sarif(["test", "good.test.yaml", "broken.test.yaml", "lost.test.yaml"])
        #expect(status == 1)
        let results = Self.results(log)
        let failed = try #require(results.first { $0["ruleId"] as? String == "test-failed" })
        #expect(Self.uri(failed) == "good.test.yaml")
        #expect(Self.region(failed)["startLine"] == 9)
        #expect(((failed["message"] as? [String: Any])?["text"] as? String)?.contains("a failing expectation") == true)
        #expect(results.contains { Self.uri($0) == "broken.test.yaml" && $0["ruleId"] as? String == "invalid-policy" })
        #expect(results.contains { Self.uri($0) == "lost.test.yaml" && $0["ruleId"] as? String == "unreadable-file" })
        #expect(Self.succeeded(log) == true)
    }

    @Test func testWithAMissingPathStillWritesALog() throws {
        let (status, log) = try sarif(["test", "good.test.yaml", "gone.test.yaml"])
        #expect(status == 2)
        #expect(Self.notifications(log).compactMap(Self.uri) == ["gone.test.yaml"])
        #expect(Self.results(log).count == 1)
    }
}
