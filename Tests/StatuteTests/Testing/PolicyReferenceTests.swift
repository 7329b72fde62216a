import Foundation
import Testing
@testable import Statute
import StatuteCore

/// How far a test file's `policy:` reaches (SPEC §6).
@Suite struct PolicyReferenceTests {
    let root: URL
    let span = SourceSpan(file: "t.test.yaml", at: SourceLocation(line: 1, column: 9))

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("statute-reach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("tests/sub"), withIntermediateDirectories: true)
        try "statute: 1\n".write(to: root.appendingPathComponent("outside.yaml"), atomically: true, encoding: .utf8)
        try "statute: 1\n".write(to: root.appendingPathComponent("tests/sub/p.yaml"), atomically: true, encoding: .utf8)
    }

    func resolve(_ written: String, allowed: [String] = []) -> Result<String, Diagnostic> {
        PolicyReference.resolve(written, span: span, testFile: root.appendingPathComponent("tests/t.test.yaml").path,
                                allowed: PolicyReference.canonicalSet(allowed))
    }

    @Test func aPolicyInTheFolderTreeIsReached() throws {
        let file = try resolve("sub/p.yaml").get()
        #expect(file.hasSuffix("tests/sub/p.yaml"))
    }

    @Test(arguments: ["../outside.yaml", "sub/../../outside.yaml", "/etc/passwd", "../../../../../../../etc/passwd",
                      "../nothing-here.yaml"])
    func aPathOutsideTheTreeIsRefused(written: String) {
        guard case .failure(let diagnostic) = resolve(written) else {
            Issue.record("`\(written)` was allowed")
            return
        }
        #expect(diagnostic.code == .policyOutsideFolder)
        #expect(diagnostic.span == span)
    }

    @Test func aSymbolicLinkOutOfTheTreeIsRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("tests/link.yaml").path,
                                                   withDestinationPath: root.appendingPathComponent("outside.yaml").path)
        guard case .failure(let diagnostic) = resolve("link.yaml") else {
            Issue.record("a link out of the tree was followed")
            return
        }
        #expect(diagnostic.code == .policyOutsideFolder)
    }

    @Test func aFileGivenOnTheCommandLineMayLieOutside() throws {
        let outside = root.appendingPathComponent("outside.yaml").path
        #expect(try resolve("../outside.yaml", allowed: [outside]).get().hasSuffix("outside.yaml"))
    }

    @Test func aFIFOInTheTreeIsNotOpened() {
        #expect(mkfifo(root.appendingPathComponent("tests/fifo.yaml").path, 0o600) == 0)
        guard case .failure(let diagnostic) = resolve("fifo.yaml") else {
            Issue.record("a FIFO was accepted as a policy")
            return
        }
        #expect(diagnostic.message.contains("not a regular file"))
    }

    @Test func aMissingPolicyNamesTheResolvedPathAndANearbyFile() {
        guard case .failure(let diagnostic) = resolve("sub/q.yaml") else {
            Issue.record("a missing file was accepted")
            return
        }
        #expect(diagnostic.code == .unreadableFile)
        #expect(diagnostic.message.contains("tests/sub/q.yaml"))
        #expect(diagnostic.help == "did you mean `sub/p.yaml`?")
    }
}
