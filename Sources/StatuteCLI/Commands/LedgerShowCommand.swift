import ArgumentParser
import Statute
import StatuteLedger

/// `statute ledger show --policy NAME ID [--format text|json]`.
struct LedgerShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a stored record and its history, oldest first.",
        discussion: """
            --format json prints one object: {"id", "policy", "status", "facts", "version", "next_due", \
            "history": [{"seq", "at", "today", "from", "to", "transition", "trigger", "actor", "as"?, \
            "reason"?, "effects", "set", "policy": {"name", "digest"}}]}. An unknown id is exit status 2 \
            (with {"error": {"code": "unknown-record", …}} on stdout for --format json).
            """
    )

    @OptionGroup var store: LedgerStoreOptions

    @Option(help: ArgumentHelp("The policy's name, or its file.", valueName: "name"))
    var policy: String

    @Argument(help: "The record's id.")
    var id: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let name = try LedgerPolicies.name(policy)
        let opened = try store.open()
        let id = id
        let found = try LedgerAsync.wait { () -> (StoredRecord, [HistoryEntry])? in
            guard let record = try await opened.record(policy: name, id: id) else { return nil }
            return (record, try await opened.history(policy: name, id: id))
        }
        guard let found else {
            let message = "no record `\(id)` of policy `\(name)`"
            if format == .json {
                Terminal.out(JSONValue.object([("error", .object([("code", .string("unknown-record")),
                                                                  ("message", .string(message))]))]).rendered() + "\n")
            }
            throw CLIError.couldNotWork(message)
        }
        let (record, history) = found
        if format == .json {
            Terminal.out(LedgerJSON.show(record, history: history).rendered(pretty: true) + "\n")
        } else {
            Terminal.out(Escaping.controlCharacters(Self.text(record, history: history), keepingNewlines: true))
        }
    }

    static func text(_ record: StoredRecord, history: [HistoryEntry]) -> String {
        var lines = [
            "record \(record.id) (policy \(record.policy)), version \(record.version)",
            "status: \(record.status ?? "none")",
            "next due: \(record.nextDue?.description ?? "nothing scheduled")",
            "facts: \(record.facts)",
            "history:",
        ]
        if history.isEmpty { lines.append("  (no changes yet)") }
        for entry in history {
            var line = "  \(entry.seq). \(entry.today) \(entry.from ?? "(new)") → \(entry.to) by \(entry.transition)"
            line += " (\(triggerText(entry.trigger))), actor \(entry.actor)"
            if let role = entry.role { line += " as \(role)" }
            if let reason = entry.reason { line += ", reason: \(reason)" }
            if !entry.effects.isEmpty { line += ", effects: \(entry.effects.joined(separator: ", "))" }
            line += " — at \(entry.at)"
            lines.append(line)
        }
        // Facts, actors and reasons come from requests: no control character reaches the terminal.
        return Escaping.controlCharacters(lines.joined(separator: "\n"), keepingNewlines: true) + "\n"
    }

    /// A history entry's trigger in words: `event E`, `condition held`, `due DATE`, `manual request`.
    static func triggerText(_ trigger: String) -> String {
        guard case .success(.object(let members)) = JSONReader.parse(Array(trigger.utf8)), let (kind, value) = members.first else {
            return trigger
        }
        switch (kind, value) {
        case ("event", .string(let name)): return "event \(name)"
        case ("when", _): return "condition held"
        case ("at", .string(let date)): return "due \(date)"
        case ("manual", _): return "manual request"
        default: return trigger
        }
    }
}

/// `statute ledger export --policy NAME`.
struct LedgerExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the policy's stored records as JSON Lines {\"id\", \"status\", \"facts\"}, by id.",
        discussion: "The lines are what `statute run` and `statute impact --records` read."
    )

    @OptionGroup var store: LedgerStoreOptions

    @Option(help: ArgumentHelp("The policy's name, or its file.", valueName: "name"))
    var policy: String

    func run() throws {
        let name = try LedgerPolicies.name(policy)
        let opened = try store.open()
        var after: String?
        while true {
            let cursor = after
            let records = try LedgerAsync.wait { try await opened.records(policy: name, after: cursor, limit: 1000) }
            guard let last = records.last else { break }
            var bytes: [UInt8] = []
            for record in records {
                LedgerJSON.exportLine(record).write(to: &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
            do { try Terminal.output.write(bytes: bytes) } catch { Terminal.fail(error.description) }
            after = last.id
        }
    }
}
