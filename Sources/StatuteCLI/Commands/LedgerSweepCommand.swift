import ArgumentParser
import Foundation
import Statute
import StatuteLedger

/// `statute ledger sweep --policy FILE [--batch N] [--jobs N] [--format text|json]`.
struct LedgerSweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Apply every automatic change due on or before --today to the stored records.",
        discussion: """
            Evaluates the policy's records whose next change is due on or before --today, and every \
            record last evaluated under another version of the policy or other settings — and no \
            others. Batches of --batch records, one transaction each: a sweep killed at any moment \
            leaves each record before or after its batch, and the next sweep finishes the work. \
            Running it again with the same --today changes nothing. A record that can no longer be \
            evaluated is reported with its id and left as it is. Prints a summary; exit status 1 \
            when some record was in error, 2 when the sweep could not run.
            """
    )

    @OptionGroup var store: LedgerStoreOptions
    @OptionGroup var common: PolicyOptions

    @Option(help: ArgumentHelp("Records per batch (one transaction each).", valueName: "n"))
    var batch = 500

    @Option(help: ArgumentHelp("Evaluate each batch's records on this many threads (default: 1).", valueName: "n"))
    var jobs = 1

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 100000, got \(batch)") }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256, got \(jobs)") }
    }

    func run() throws {
        let today = try common.date()
        let policy = try LedgerPolicies.load(common)
        let opened = try store.open()
        let ledger = Ledger(store: opened, policy: policy)
        let batch = batch, jobs = jobs
        let onTerminal = isatty(STDERR_FILENO) == 1
        // The backlog, counted through the sweep's indexes, gives the time left.
        let backlog = onTerminal
            ? try LedgerAsync.wait { try await opened.sweepBacklog(policy: policy.name, digest: policy.digest, today: today) }
            : nil
        let progress = LedgerProgress("sweeping", total: backlog, enabled: onTerminal)
        let summary = try LedgerAsync.wait {
            try await ledger.sweep(today: today, batch: batch, jobs: jobs) { progress.update($0) }
        }
        progress.finish()
        if format == .json {
            Terminal.out(Self.json(summary, policy: policy).rendered(pretty: false) + "\n")
        } else {
            Terminal.out(Escaping.controlCharacters(Self.text(summary, policy: policy), keepingNewlines: true))
        }
        if !summary.errors.isEmpty { throw ExitCode.answerIsNo }
    }

    /// `{"today", "policy": {"name", "digest"}, "examined", "changed", "transitions": {ID: n},
    /// "effects": {NAME: n}, "errors": [{"id", "code", "message"}]}`.
    static func json(_ summary: SweepSummary, policy: LedgerPolicy) -> JSONValue {
        .object([
            ("today", .string(summary.today.description)),
            ("policy", .object([("name", .string(policy.name)), ("digest", .string(policy.fileDigest))])),
            ("examined", .int(summary.examined)),
            ("changed", .int(summary.changed)),
            ("transitions", .object(summary.transitions.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.int($0.value)) })),
            ("effects", .object(summary.effects.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.int($0.value)) })),
            ("errors", .array(summary.errors.map {
                .object([("id", .string($0.id)), ("code", .string($0.code)), ("message", .string($0.message))])
            })),
        ])
    }

    static func text(_ summary: SweepSummary, policy: LedgerPolicy) -> String {
        var lines = ["swept \(policy.name) at \(summary.today): \(summary.examined) examined, \(summary.changed) changed, \(summary.errors.count) in error"]
        for (id, count) in summary.transitions.sorted(by: { $0.key < $1.key }) { lines.append("  transition \(id): \(count)") }
        for (name, count) in summary.effects.sorted(by: { $0.key < $1.key }) { lines.append("  effect \(name): \(count)") }
        for error in summary.errors { lines.append("  error: record `\(error.id)`: \(error.message) [\(error.code)]") }
        return lines.joined(separator: "\n") + "\n"
    }
}
