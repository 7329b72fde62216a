import Foundation
import Testing

/// The command line names the mistake: a policy given to `statute test`, and `docs`/`graph`
/// on a broken policy show the source line like `check` does.
@Suite("statute: hints for newcomers")
struct CLIHintTests {
    @Test func testingAPolicyFileSaysItIsAPolicyAndWhereItsTestsAre() throws {
        let run = try StatuteBinary.run(["test", "membership.yaml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("`membership.yaml` is not a test file but a policy"))
        #expect(run.stderr.contains("statute test membership.test.yaml"))
        #expect(!run.stderr.contains("no test files found"))
    }

    /// Beside test files, a policy on the command line is one they may reach from outside
    /// their folder (docs/test-files.md), not a mistake.
    @Test func aPolicyAlongsideTestFilesIsAcceptedNotReported() throws {
        let run = try StatuteBinary.run(["test", "membership.test.yaml", "membership.yaml"])
        #expect(run.status == 0)
        #expect(!run.stderr.contains("is not a test file"))
    }

    @Test(arguments: [["docs", "--policy", "broken.yaml"], ["graph", "--policy", "broken.yaml"]])
    func docsAndGraphShowTheSourceLineOfEachError(arguments: [String]) throws {
        let run = try StatuteBinary.run(arguments)
        #expect(run.status == 2)
        let check = try StatuteBinary.run(["check", "broken.yaml"])
        // Every error block `check` prints (source line and caret) appears in the same words.
        let firstBlock = try #require(check.stdout.components(separatedBy: "\n\n").first)
        #expect(firstBlock.contains(" | "))
        #expect(firstBlock.contains("^"))
        #expect(run.stderr.contains(firstBlock.trimmingCharacters(in: .newlines)))
    }
}
