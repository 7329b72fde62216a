import ArgumentParser
import Foundation
import Statute

/// `statute replay LOG --policy NEW` (docs/impact.md).
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Evaluate the decisions of a decision log again under another policy and list those that would differ.",
        discussion: """
            Each line of LOG is a decision as `statute serve --decision-log` writes it: \
            {"decision_id", "time", "policy", "today", "settings", "input", "result"}. Each \
            is evaluated under --policy with its own today, settings and input; decisions are \
            compared by status, previous, outcome, steps, effects, set and next (or the \
            allowed options, or the error code). Settings the policy does not declare are \
            left out. Exit status 0 when none differ, 1 when some do (or a log line cannot \
            be read), 2 when the command cannot run.
            """
    )

    @Argument(help: "The decision log (JSON Lines); `-` reads stdin.")
    var log: String

    @Option(help: "The policy to evaluate the decisions under.")
    var policy: String

    @Option(help: "How many threads evaluate records (the default is the number of cores).")
    var jobs: Int = WorkerThreads.cores

    @Option(help: "How many differing decisions the text output describes (JSON lists them all).")
    var examples: Int = 10

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if examples < 0 { throw ValidationError("--examples cannot be negative") }
    }

    func run() throws {
        let replay = DecisionReplay(policy: Inputs.policy(policy))
        let handle = Terminal.input(log)
        let json = format == .json
        var summary = ReplaySummary()
        var shown: [String] = []
        let spill = json ? Spill() : nil
        let threads = WorkerThreads.forJobs(jobs)
        LineBatches.read(handle, size: max(256, jobs * 256)) { batch in
            let results = threads.map(batch, jobs: jobs) { line -> (ReplayOutcome, String?) in
                let outcome: ReplayOutcome = switch line {
                case .text(let bytes, let number): replay.replay(bytes: bytes, line: number)
                case .tooLong(let number, let length):
                    .error(ImpactLineError(id: .null, line: number, code: "line-too-long",
                                           message: "the line is \(length) bytes, more than the limit of \(1 << 20) bytes"))
                }
                return (outcome, json ? ReplayRendering.difference(outcome)?.rendered() : nil)
            }
            var errors = ""
            for (outcome, rendered) in results {
                summary.add(outcome)
                if case .error(let error) = outcome {
                    errors += json ? error.json.rendered() + "\n" : error.readable.replacingOccurrences(of: "error: line \(error.line)", with: "error: line \(error.line) of the log") + "\n"
                }
                if let rendered { spill?.append(rendered) }
                if !json, shown.count < examples, let example = ReplayRendering.example(outcome) { shown.append(example) }
            }
            if !errors.isEmpty { Terminal.endProgress() }
            Terminal.error(errors)
            spill?.flush()
            Terminal.progress("\(summary.decisions) decisions read…")
        }
        Terminal.endProgress()
        if let spill {
            Terminal.out(ReplayRendering.head(summary))
            Terminal.copy(spill.url)
            Terminal.out(ReplayRendering.tail(anyDifference: spill.count > 0))
            spill.remove()
        } else {
            var out = ReplayRendering.summary(summary, policy: policy)
            if !shown.isEmpty {
                out += summary.differ > shown.count ? "Examples (\(shown.count) of \(summary.differ)):\n" : "Decisions that would differ:\n"
                out += shown.joined()
            }
            Terminal.out(out)
        }
        if summary.differ > 0 || summary.errors > 0 { throw ExitCode.answerIsNo }
    }
}
