import ArgumentParser
import Statute

/// The policy, settings and date options that `eval`, `timeline` and `impact` share.
struct PolicyOptions: ParsableArguments {
    @Option(help: "The policy file.")
    var policy: String

    @Option(help: "A JSON or YAML file of settings.")
    var settings: String?

    @Option(name: .customLong("setting"), help: ArgumentHelp("A setting (repeatable).", valueName: "name=value"))
    var settingValues: [String] = []

    @Option(help: ArgumentHelp("The date of the evaluation (default: the local date).", valueName: "yyyy-mm-dd"))
    var today: String?

    func validate() throws {
        if let today, CalendarDate(iso: today) == nil {
            throw ValidationError("--today must be a real date written YYYY-MM-DD, got `\(today)`")
        }
    }

    /// The date given, or the local date.
    func date() throws -> CalendarDate { try Inputs.today(today) }

    /// Loads the policy and builds its engine with the settings; exits 2 on errors.
    func engine() -> Engine {
        decisionMaker().engine
    }
}

/// One record's status and facts, as `eval` and `timeline` take them.
struct RecordOptions: ParsableArguments {
    @Option(help: "The record's current status (omit for a new record).")
    var status: String?

    @Option(help: "A JSON or YAML file of facts (nested objects or dotted keys).")
    var facts: String?

    @Option(name: .customLong("fact"), help: ArgumentHelp("A fact, by its declared type (repeatable).", valueName: "name=value"))
    var factValues: [String] = []

    /// The record, its facts read by the policy's declarations; exits 2 on bad input.
    func record(for policy: CompiledPolicy) -> Record {
        let reading = InputValues.gather(file: facts, arguments: factValues, declarations: policy.facts, kind: .fact)
        if !reading.diagnostics.isEmpty { Terminal.fail(reading.diagnostics) }
        return Record(status: status, facts: reading.values)
    }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
