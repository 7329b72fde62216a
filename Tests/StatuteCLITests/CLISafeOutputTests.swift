import Foundation
import Testing

/// Output is never lost silently, never torn, never forged (docs/cli.md, docs/reliability.md).
@Suite("statute: output that cannot be written, control characters, long lines")
struct CLISafeOutputTests {
    static let policy = StatuteBinary.fixtures.appendingPathComponent("membership.yaml").path
    static let records = StatuteBinary.fixtures.appendingPathComponent("records.jsonl").path

    static let commands: [[String]] = [
        ["check", policy],
        ["eval", "--policy", policy, "--today", "2026-03-01", "--format", "json"],
        ["run", "--policy", policy, "--today", "2026-03-01", records],
        ["docs", "--policy", policy],
        ["graph", "--policy", policy],
    ]

    @Test(arguments: commands)
    func aFullDiskIsExit2WithAMessage(arguments: [String]) throws {
        let run = try StatuteBinary.run(arguments, in: StatuteBinary.fixtures, output: .path("/dev/full"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: cannot write the output: No space left on device"))
    }

    @Test func aReaderThatWentAwayIsExit2NotASilentDeath() throws {
        let run = try StatuteBinary.run(["docs", "--policy", Self.policy], in: StatuteBinary.fixtures, output: .closedPipe)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write the output: Broken pipe"))
    }

    /// A key holding a newline and escape sequences must not forge a clean `check`.
    static let forgery = "statute: 1\nname: x\n\"evil\\n\\e[1A\\e[2Kok: 1 file checked, no problems\\e[8m\": 1\n"
        + "statuses:\n  a: {label: A}\ntransitions: []\n"

    @Test(arguments: ["text", "github", "json"])
    func aKeyCannotForgeALineOrReachTheTerminalRaw(format: String) throws {
        let folder = try StatuteBinary.scratchFolder()
        try Self.forgery.write(to: folder.appendingPathComponent("forge.yaml"), atomically: true, encoding: .utf8)
        let run = try StatuteBinary.run(["check", "forge.yaml", "--format", format], in: folder)
        #expect(run.status == 1)
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("ok:") })
        #expect(run.stdout.lowercased().contains(#"\u001b[2kok: 1 file checked"#), "the key is shown, escaped")
    }

    @Test func aLabelWithEscapeSequencesIsEscapedInDocsAndGraphs() throws {
        let folder = try StatuteBinary.scratchFolder()
        let policy = "statute: 1\nname: x\nstatuses:\n  a: {label: \"A\\e]8;;http://evil\\e\\\\\\u009b31m\"}\n  b: {label: B}\n"
            + "events:\n  go: {}\ntransitions:\n  - {id: go, from: a, to: b, mode: automatic, on: go}\n"
            + "  - {id: begin, from: start, to: a, mode: automatic, on: go}\n"
        try policy.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        for arguments in [["docs", "--policy", "p.yaml"], ["graph", "--policy", "p.yaml"],
                          ["graph", "--policy", "p.yaml", "--format", "dot"],
                          ["eval", "--policy", "p.yaml", "--today", "2026-01-01", "--event", "go"]] {
            let run = try StatuteBinary.run(arguments, in: folder)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" }, "\(arguments)")
            #expect(run.stdout.contains(#"\u001B]8;;http://evil"#), "\(arguments)")
        }
    }

    @Test func aSourceLineIsCutToAWindowAroundTheCaret() throws {
        let folder = try StatuteBinary.scratchFolder()
        let long = "{statute: 1, name: x, description: \"" + String(repeating: "a", count: 3_000_000)
            + "\", statuses: {a: {label: A}}, transitions: [], bogus: 1}\n"
        try long.write(to: folder.appendingPathComponent("long.yaml"), atomically: true, encoding: .utf8)
        let run = try StatuteBinary.run(["check", "long.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.utf8.count < 2_000)
        let lines = run.stdout.split(separator: "\n")
        let source = try #require(lines.first { $0.hasPrefix("1 | …") })
        #expect(source.hasSuffix("transitions: [], bogus: 1}"))
        let caret = try #require(lines.first { $0.contains("^") })
        let column = caret.distance(from: caret.startIndex, to: try #require(caret.firstIndex(of: "^")))
        let keyColumn = source.distance(from: source.startIndex, to: try #require(source.range(of: "bogus")).lowerBound)
        #expect(column == keyColumn, "the caret stays under `bogus`")
    }

    @Test func checkingDevZeroWritesAFewLinesNotMegabytes() throws {
        let run = try StatuteBinary.run(["check", "/dev/zero"], in: StatuteBinary.fixtures)
        #expect(run.status == 1)
        #expect(run.stdout.utf8.count < 2_000)
    }
}
