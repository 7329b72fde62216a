import ArgumentParser
import Foundation
import Statute

/// `statute eval --policy FILE [options]` (docs/cli.md).
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate one record: report an event, request a manual change, or just re-evaluate.",
        discussion: """
            Exit status 1 when a manual request is rejected; 2 when the policy has errors \
            or the record, settings or request are invalid.
            """
    )

    @OptionGroup var common: PolicyOptions
    @OptionGroup var input: RecordOptions

    @Option(help: "Report an event.")
    var event: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Request a manual change to this status (with --as).", valueName: "status"))
    var target: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The role of the person asking.", valueName: "role"))
    var role: String?

    @Option(help: "The manual transition to use (with --set).")
    var transition: String?

    @Flag(help: "List the manual transitions the role could request now (with --as).")
    var options = false

    @Flag(help: "Explain every transition considered.")
    var explain = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var color: ColorOptions

    func validate() throws {
        if event != nil && target != nil { throw ValidationError("give either --event or --set, not both") }
        if options && (event != nil || target != nil) { throw ValidationError("--options cannot be combined with --event or --set") }
        if (target != nil || options) && role == nil { throw ValidationError("\(options ? "--options" : "--set") needs --as ROLE") }
        if role != nil && target == nil && !options { throw ValidationError("--as goes with --set or --options") }
        if transition != nil && target == nil { throw ValidationError("--transition goes with --set") }
    }

    func run() throws {
        let date = try common.date()
        let maker = common.decisionMaker()
        let policy = maker.policy
        let record = input.record(for: policy)
        let text = ResultText(policy: policy)

        if options, let role {
            let list: [ManualOption]
            do { list = try maker.options(for: record, role: role, today: date).options } catch { throw CLIError.couldNotWork(error) }
            Terminal.out(format == .json ? ResultJSON.json(list).rendered(pretty: true) + "\n"
                         : headlined(Self.safe(text.render(list, role: role)), rejected: false))
            return
        }

        let request: Request
        if let event {
            request = .event(event)
        } else if let target, let role {
            request = .manual(status: target, role: role, transition: transition)
        } else {
            request = .evaluate
        }
        let result: EvaluationResult
        do { result = try maker.evaluate(record, request: request, today: date, explain: explain).result } catch { throw CLIError.couldNotWork(error) }
        Terminal.out(format == .json ? ResultJSON.json(result).rendered(pretty: true) + "\n"
                     : headlined(Self.safe(text.render(result)), rejected: result.outcome == .rejected))
        if result.outcome == .rejected { throw ExitCode.answerIsNo }
    }

    /// The text's first line (the outcome) in bold, or red when the request was rejected,
    /// on a terminal only (`--color`); painted after escaping, so the colour survives it.
    func headlined(_ text: String, rejected: Bool) -> String {
        let style = color.style(for: STDOUT_FILENO)
        guard style.colored, let newline = text.firstIndex(of: "\n") else { return text }
        let head = String(text[..<newline])
        return (rejected ? style.error(head) : style.bold(head)) + text[newline...]
    }

    /// Text output with the policy's labels and names made safe to show (docs/reliability.md).
    static func safe(_ text: String) -> String {
        Escaping.controlCharacters(text, keepingNewlines: true)
    }
}
