import ArgumentParser
import Statute

/// `statute diff OLD NEW` (SPEC §8).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Say what changed between two policy files, in words.",
        discussion: """
            Compares the compiled policies, not their text: statuses, labels, finality, \
            settings and facts (type, default, bounds), derived values, events, effects, \
            roles, and each transition matched by id (mode, from, to, trigger, guard, roles, \
            effects, set, priority). Expressions are compared in their canonical printed form. \
            Exit status 0 when they are the same, 1 when they differ, 2 when either cannot be loaded.
            """
    )

    @Argument(help: "The current policy file.")
    var old: String

    @Argument(help: "The changed policy file.")
    var new: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let before = Inputs.policy(old)
        let after = Inputs.policy(new)
        let diff = PolicyDiff.compare(before, after)
        if format == .json {
            Terminal.out(PolicyDiffRendering.json(diff).rendered(pretty: true) + "\n")
        } else {
            Terminal.out(PolicyDiffRendering.text(diff, old: old, new: new))
        }
        if !diff.isEmpty { throw ExitCode.answerIsNo }
    }
}
