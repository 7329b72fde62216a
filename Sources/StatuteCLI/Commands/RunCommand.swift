import ArgumentParser
import Foundation
import Statute

/// `statute run --policy FILE [--today D] [--settings FILE] [INPUT|-] [--changed-only]` (SPEC §5.4).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate JSON Lines records, one result line per record, in input order.",
        discussion: """
            Each input line is {"id", "status", "facts", "event"?}. Each output line is the \
            result as `eval --format json` gives it, after "id"; a line that cannot be read \
            or evaluated becomes {"id", "line", "error": {"code", "message"}} in its place. \
            Blank lines are skipped (but counted in line numbers). A summary goes to stderr. \
            Exit status 1 when any line was in error; 2 when the policy, settings or input \
            cannot be used.
            """
    )

    @Option(help: "The policy file.")
    var policy: String

    @Option(help: ArgumentHelp("The date of the evaluation (default: the local date).", valueName: "yyyy-mm-dd"))
    var today: String?

    @Option(help: "A JSON or YAML file of settings.")
    var settings: String?

    @Argument(help: "The JSON Lines input; `-` or none reads stdin.")
    var input: String?

    @Flag(help: "Write only changed results and error lines.")
    var changedOnly = false

    func validate() throws {
        if let today, CalendarDate(iso: today) == nil {
            throw ValidationError("--today must be a real date written YYYY-MM-DD, got `\(today)`")
        }
    }

    func run() throws {
        let date = try Inputs.today(today)
        let policy = Inputs.policy(self.policy)
        let engine = Inputs.engine(policy, settingsFile: settings, settings: [])
        let handle: FileHandle
        if let input, input != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let file = FileHandle(forReadingAtPath: input) else {
                Terminal.fail("cannot read the input `\(input)`")
            }
            handle = file
        } else {
            handle = FileHandle.standardInput
        }

        let records = RecordLines(engine: engine, today: date)
        var splitter = records.makeSplitter()
        var summary = RunSummary()
        func emitLine(_ line: LineSplitter.Line) {
            if case .text(let bytes, _) = line, RecordLines.isBlank(bytes) { return }
            let output = records.evaluate(line)
            summary.count(output.kind)
            if changedOnly, output.kind != .error, output.kind != .evaluated(.changed) { return }
            Terminal.out(output.json.rendered() + "\n")
        }
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 64 * 1024) ?? Data() } catch {
                Terminal.fail("cannot read the input: \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            splitter.feed(chunk, emit: emitLine)
        }
        splitter.finish(emit: emitLine)
        Terminal.error(summary.description)
        if summary.errors > 0 { throw ExitCode.answerIsNo }
    }
}
