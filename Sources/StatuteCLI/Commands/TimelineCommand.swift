import ArgumentParser
import Statute

/// `statute timeline --policy FILE [record options as eval] [--event NAME] [--until D]` (docs/impact.md).
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "List the dated automatic changes a record will go through if no event comes and nobody acts.",
        discussion: """
            The record is evaluated on --today (receiving --event first, when given), then on each date an automatic `at` \
            transition falls due (the engine's `next`), up to and including --until \
            (default: one year after --today). Facts assigned by `set` are carried forward. \
            Exit status 2 when the policy, settings or record are invalid.
            """
    )

    @OptionGroup var common: PolicyOptions
    @OptionGroup var input: RecordOptions

    @Option(help: "An event the record receives on --today, before time moves it on (as eval --event).")
    var event: String?

    @Option(help: ArgumentHelp("The last day to play (default: one year after --today).", valueName: "yyyy-mm-dd"))
    var until: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if let until, CalendarDate(iso: until) == nil {
            throw ValidationError("--until must be a real date written YYYY-MM-DD, got `\(until)`")
        }
    }

    func run() throws {
        let today = try common.date()
        let last = try Inputs.until(until, after: today, default: .years(1))
        let engine = common.engine()
        let record = input.record(for: engine.policy)
        let trajectory: Trajectory
        do {
            trajectory = try Timeline.play(record, request: event.map { .event($0) } ?? .evaluate, engine: engine,
                                           from: today, until: last)
        } catch {
            Terminal.fail([error])
        }
        if format == .json {
            Terminal.out(TimelineJSON.json(trajectory).rendered(pretty: true) + "\n")
        } else {
            Terminal.out(TimelineText(policy: engine.policy).render(trajectory, start: record.status, from: today, until: last))
        }
    }
}
