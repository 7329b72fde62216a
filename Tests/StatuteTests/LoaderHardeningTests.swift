import Foundation
import Synchronization
import Testing
@testable import Statute

#if canImport(Glibc)
import Glibc
#endif

/// The loader never waits on a file that is not a regular one, and the YAML mistakes an
/// unquoted expression makes get the one help that fixes them: quote it.
@Suite struct LoaderHardeningTests {
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `body` on a thread; false when it has not returned within `seconds`.
    static func returns(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread {
            body()
            done.signal()
        }.start()
        return done.wait(timeout: .now() + seconds) == .success
    }

    @Test func loadingAFIFOIsRefusedAtOnceWithAClearError() throws {
        let fifo = try Self.scratch().appendingPathComponent("policy.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = Mutex<LoadedPolicy?>(nil)
        let returned = Self.returns(within: 10) { result.withLock { $0 = PolicyLoader.load(contentsOf: fifo) } }
        if !returned {
            // Let the blocked reader go, so the test process is not left with a stuck thread.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        #expect(returned, "loading a FIFO waited for a writer")
        let diagnostic = result.withLock { $0 }?.diagnostics.first
        #expect(diagnostic?.code == .unreadableFile)
        #expect(diagnostic?.message == "`\(fifo)` is not a regular file (a FIFO), so it is not read")
        #expect(SourceFileCheck.check(contentsOf: fifo).kind == .other)
    }

    @Test func aSymbolicLinkIsRefusedOnlyWhereLinksAreNotFollowed() throws {
        let folder = try Self.scratch()
        let target = folder.appendingPathComponent("target.yaml")
        try "statute: 1\n".write(to: target, atomically: true, encoding: .utf8)
        let link = folder.appendingPathComponent("link.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target.path)
        guard case .failure(let refused) = SourceReading.read(link, limit: 1024, access: .regularFileNoLinks) else {
            Issue.record("a symbolic link was followed")
            return
        }
        #expect(refused.message.contains("is a symbolic link"))
        guard case .success(let bytes) = SourceReading.read(link, limit: 1024, access: .regularFile) else {
            Issue.record("a symbolic link named directly was refused")
            return
        }
        #expect(bytes == Array("statute: 1\n".utf8))
    }

    static let policyHead = """
        statute: 1
        name: loans
        roles:
          staff: {}
        facts:
          book.available: bool
          a: int
          x: bool
        events:
          borrow: {}
        statuses:
          open: {label: Open}
          lent: {label: Lent}
        transitions:
          - id: borrow
            from: open
            to: lent
            mode: automatic
            on: borrow

        """

    @Test(arguments: [
        ("    guard: !book.available\n", #"guard: "!book.available""#),
        ("    guard: a > 0 ? x : null\n", #"guard: "a > 0 ? x : null""#),
        ("    when: !x\n", #"when: "!x""#),
    ])
    func anUnquotedExpressionThatReadsAsYAMLIsToldToBeQuoted(line: String, quoted: String) {
        let loaded = PolicyLoader.load(text: Self.policyHead + line)
        let help = loaded.diagnostics.first?.help ?? ""
        #expect(loaded.policy == nil)
        #expect(help.contains("quote the expression: `\(quoted)`"), "\(loaded.diagnostics)")
        #expect(!help.contains("remove the tag") && !help.contains("indentation mistake"))
    }

    @Test func aTagOutsideAnExpressionKeepsItsOwnHelp() {
        let loaded = PolicyLoader.load(text: Self.policyHead.replacingOccurrences(of: "name: loans", with: "name: !custom loans"))
        #expect(loaded.diagnostics.first?.help?.contains("remove the tag") == true, "\(loaded.diagnostics)")
    }
}
