import ArgumentParser
import Foundation
import Statute

/// `statute impact --policy OLD [--candidate NEW] [--candidate-settings FILE] [--candidate-setting N=V]… (--records FILE | --store URL)` (docs/impact.md).
struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Play every record under the current and a candidate policy or settings, and report what would change.",
        discussion: """
            Each line of --records is read as `statute run` reads it; its event or manual \
            request is applied on --today, then the record is evaluated again on each date an \
            automatic change falls due, up to and including --until (default: --today). The \
            candidate's settings are the current ones overridden by --candidate-settings and \
            --candidate-setting. Lines in error go to stderr as `run` reports them and are \
            counted. Exit status 0 when no record is affected, 1 when some are (or a line is \
            in error), 2 when the command cannot run.
            """
    )

    @OptionGroup var common: PolicyOptions

    @Option(help: "The candidate policy file (default: the current one).")
    var candidate: String?

    @Option(help: "A JSON or YAML file of candidate settings, over the current ones.")
    var candidateSettings: String?

    @Option(name: .customLong("candidate-setting"), help: ArgumentHelp("A candidate setting (repeatable).", valueName: "name=value"))
    var candidateSettingValues: [String] = []

    @Option(help: "The JSON Lines records; `-` reads stdin.")
    var records: String?

    @OptionGroup(title: "Records from a ledger store (instead of --records)") var ledger: LedgerStoreOptions

    @Option(help: ArgumentHelp("The last day to play (default: --today).", valueName: "yyyy-mm-dd"))
    var until: String?

    @Option(help: "How many threads evaluate records (the default is the number of cores).")
    var jobs: Int = ParallelMap.cores

    @Option(help: "How many affected records the text output describes (JSON lists them all).")
    var examples: Int = 10

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if candidate == nil && candidateSettings == nil && candidateSettingValues.isEmpty {
            throw ValidationError("give a candidate: --candidate, --candidate-settings or --candidate-setting")
        }
        if (records == nil) == (ledger.store == nil) { throw ValidationError("give the records: --records FILE or --store URL") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if examples < 0 { throw ValidationError("--examples cannot be negative") }
    }

    func run() throws {
        let today = try common.date()
        let last = try Inputs.until(until, after: today, default: .none)
        let plan = makePlan(today: today, until: last)
        let handle = ledger.store == nil ? Terminal.input(records) : try LedgerImpactSource.handle(store: ledger, policy: plan.current.policy.name)
        let json = format == .json
        let text = ImpactText(policy: plan.current.policy, today: today, until: last)
        var summary = ImpactSummary()
        var shown: [String] = []
        let spill = json ? Spill() : nil
        LineBatches.read(handle, size: max(256, jobs * 256)) { batch in
            let results = ParallelMap.map(batch, jobs: jobs) { line -> (RecordImpact, String?) in
                let impact = plan.assess(line)
                // Rendering happens on the worker threads too.
                let rendered = json ? ImpactJSON.difference(impact)?.rendered() : nil
                return (impact, rendered)
            }
            var errors = ""
            for (impact, rendered) in results {
                summary.add(impact)
                if case .error(let error) = impact {
                    errors += json ? error.json.rendered() + "\n"
                        : error.readable + "\n"
                }
                if let rendered { spill?.append(rendered) }
                if !json, shown.count < examples, let example = text.example(impact) { shown.append(example) }
            }
            if !errors.isEmpty { Terminal.endProgress() }
            Terminal.error(errors)
            spill?.flush()
            Terminal.progress("\(summary.records) records read…")
        }
        Terminal.endProgress()
        if let spill {
            Terminal.out(ImpactJSON.head(summary))
            Terminal.copy(spill.url)
            Terminal.out(ImpactJSON.tail(summary, anyDifference: spill.count > 0))
            spill.remove()
        } else {
            var out = text.summary(summary, candidate: candidateName)
            if !shown.isEmpty {
                out += summary.affected > shown.count
                    ? "Examples (\(shown.count) of \(summary.affected)):\n" : "Affected records:\n"
                out += shown.joined()
            }
            Terminal.out(out)
        }
        if summary.affected > 0 || summary.errors > 0 { throw ExitCode.answerIsNo }
    }

    /// "the candidate policy `x.yaml` with settings …" in words.
    var candidateName: String {
        var parts: [String] = []
        if let candidate { parts.append("the candidate policy \(candidate)") }
        if let candidateSettings { parts.append("the settings in \(candidateSettings)") }
        if !candidateSettingValues.isEmpty {
            let values = candidateSettingValues.map { "`\($0)`" }.joined(separator: ", ")
            parts.append(parts.isEmpty ? "the candidate setting\(candidateSettingValues.count == 1 ? "" : "s") \(values)" : values)
        }
        return parts.joined(separator: " with ")
    }

    func makePlan(today: CalendarDate, until: CalendarDate) -> ImpactPlan {
        let current = common.engine()
        let candidatePolicy = candidate.map(Inputs.policy) ?? current.policy
        let reading = InputValues.gather(file: common.settings, arguments: common.settingValues,
                                         declarations: current.policy.settings, kind: .setting)
        let overrides = InputValues.gather(file: candidateSettings, arguments: candidateSettingValues,
                                           declarations: candidatePolicy.settings, kind: .setting)
        if !overrides.diagnostics.isEmpty { Terminal.fail(overrides.diagnostics) }
        // Current settings carry over to the candidate where it declares them.
        var values = reading.values.filter { candidatePolicy.settingSlot(of: $0.key) != nil }
        values.merge(overrides.values) { _, new in new }
        let engine: Engine
        do { engine = try Engine(policy: candidatePolicy, settings: values) } catch { Terminal.fail([error]) }
        return ImpactPlan(current: current, candidate: engine, today: today, until: until, policiesDiffer: candidate != nil)
    }
}
