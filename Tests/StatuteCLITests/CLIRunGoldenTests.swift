import Foundation
import StatuteTestSupport
import Testing

/// The built `statute run` on the generated input of `RunGoldenTests` (StatuteTests), with
/// one job and with two: stdout must be byte for byte the golden file, whatever the number
/// of jobs, so a change to the pipeline cannot change an answer unnoticed.
@Suite("statute run: output byte-identical to the golden file, one job or two")
struct CLIRunGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("StatuteTests/Fixtures/run/certification.golden.jsonl")
    static let policy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("policies/certification.yaml").path

    @Test(arguments: ["1", "2"])
    func outputIsTheGoldenFile(jobs: String) throws {
        var generator = RunRecordsGenerator(seed: 9)
        let input = generator.lines(3_000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statute-golden-\(UUID().uuidString).jsonl")
        try Data(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try StatuteBinary.run(["run", "--policy", Self.policy, "--today", "2026-03-01",
                                         "--setting", "expiring_notice_days=30", "--jobs", jobs, file.path])
        #expect(run.status == 1, "some lines are errors, so the exit status is 1")
        let expected = [UInt8](try Data(contentsOf: Self.golden))
        let actual = Array(run.stdout.utf8)
        #expect(actual.count == expected.count)
        let mine = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let theirs = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if let index = (0..<min(mine.count, theirs.count)).first(where: { Array(mine[$0].utf8) != Array(theirs[$0].utf8) }) {
            Issue.record("answer \(index + 1) differs:\n  golden: \(theirs[index])\n  now:    \(mine[index])")
        }
        #expect(actual == expected)
        #expect(run.stderr.hasPrefix("\(theirs.count - 1) records: "))
    }

    /// 20,000 generated lines are several of `run`'s batches (a regular file is answered
    /// 4,096 lines at a time, the next batch read while the last is evaluated): one job,
    /// two jobs and the same lines through a pipe give the same bytes.
    @Test func manyBatchesGiveTheSameOutputWithOneJobOrTwo() throws {
        var generator = RunRecordsGenerator(seed: 2026)
        let input = generator.lines(20_000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statute-batches-\(UUID().uuidString).jsonl")
        try Data(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let arguments = ["run", "--policy", Self.policy, "--today", "2026-03-01", "--setting", "expiring_notice_days=30"]
        let one = try StatuteBinary.run(arguments + ["--jobs", "1", file.path])
        let two = try StatuteBinary.run(arguments + ["--jobs", "2", file.path])
        let binary = try #require(StatuteBinary.url).path
        let piped = try StatuteBinary.runProgram("/bin/sh", ["-c", #"input=$1; shift; cat "$input" | "$@""#, "sh", file.path, binary]
                                                 + arguments + ["--jobs", "2"])
        #expect(one.status == 1)
        #expect(Array(one.stdout.utf8) == Array(two.stdout.utf8))
        #expect(Array(one.stdout.utf8) == Array(piped.stdout.utf8))
        #expect(one.stderr == two.stderr)
        #expect(one.stdout.split(separator: "\n").count > 16_000)
    }
}
