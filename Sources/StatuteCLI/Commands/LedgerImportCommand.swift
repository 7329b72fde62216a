import ArgumentParser
import Statute
import StatuteLedger

/// `statute ledger import --policy FILE [RECORDS|-]`.
struct LedgerImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store new records, each evaluated at --today as it is stored.",
        discussion: """
            Each input line is a `statute run` line with a required string "id": {"id", "status"?, \
            "facts"?, "event"? | "set" + "as" + "transition"?}. The record is evaluated as `eval` would \
            and stored with its automatic changes applied, each recorded in its history (actor \
            "system") and each effect added to the outbox. An id the policy already has is the error \
            line duplicate-record and changes nothing. One answer line per input line, in order: the \
            `eval` JSON plus "id" and "version", or {"id", "line", "error": {"code", "message"}}. \
            Exit status 1 when any line was in error.
            """
    )

    @OptionGroup var store: LedgerStoreOptions
    @OptionGroup var common: PolicyOptions

    @Option(help: ArgumentHelp("Lines written per transaction.", valueName: "n"))
    var batch = 500

    @Argument(help: "The JSON Lines records; `-` or none reads stdin.")
    var input: String?

    func validate() throws {
        guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 100000, got \(batch)") }
    }

    func run() throws {
        let today = try common.date()
        let policy = try LedgerPolicies.load(common)
        let ledger = Ledger(store: try store.open(), policy: policy)
        let summary = try LedgerLines.process(input: input, batch: batch, verb: "importing") { lines throws(CLIError) in
            try LedgerAsync.wait { try await ledger.importLines(lines, today: today) }
        }
        Terminal.error(summary.description)
        if summary.errors > 0 { throw ExitCode.answerIsNo }
    }
}

/// `statute ledger apply --policy FILE [REQUESTS|-]`.
struct LedgerApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply events, fact changes and manual requests to stored records.",
        discussion: """
            Each input line: {"id", "facts"?, "event"? | "set" + "as" + "transition"?, "actor"?, \
            "reason"?, "expect_version"?}. "facts" is a patch (nested or dotted keys; null sets a fact \
            to null). Each line is one transaction: the record is read (unknown-record), its version \
            compared with "expect_version" (version-conflict), the facts merged, the record evaluated \
            as `eval` would, and its status, facts, history and outbox written. A rejected or ignored \
            request changes nothing. Answer lines as `import`. Exit status 1 when any line was in error.
            """
    )

    @OptionGroup var store: LedgerStoreOptions
    @OptionGroup var common: PolicyOptions

    @Argument(help: "The JSON Lines requests; `-` or none reads stdin.")
    var input: String?

    func run() throws {
        let today = try common.date()
        let policy = try LedgerPolicies.load(common)
        let ledger = Ledger(store: try store.open(), policy: policy)
        let summary = try LedgerLines.process(input: input, batch: 1, verb: "applying") { lines throws(CLIError) in
            try LedgerAsync.wait {
                var answers: [LedgerAnswer] = []
                for line in lines { answers.append(try await ledger.applyLine(line, today: today)) }
                return answers
            }
        }
        Terminal.error(summary.description)
        if summary.errors > 0 { throw ExitCode.answerIsNo }
    }
}
