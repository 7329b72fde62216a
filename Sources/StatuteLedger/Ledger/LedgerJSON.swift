public import Statute

/// The JSON forms of stored records, history entries and outbox entries (docs/ledger.md).
public enum LedgerJSON {
    /// `show --format json`: `{"id", "policy", "status", "facts", "version", "next_due", "history"}`.
    public static func show(_ record: StoredRecord, history: [HistoryEntry]) -> JSONValue {
        .object([
            ("id", .string(record.id)),
            ("policy", .string(record.policy)),
            ("status", .text(record.status)),
            ("facts", parsed(record.facts)),
            ("version", .int(record.version)),
            ("next_due", .text(record.nextDue?.description)),
            ("history", .array(history.map(json(_:)))),
        ])
    }

    /// A history entry: `{"seq", "at", "today", "from", "to", "transition", "trigger",
    /// "actor", "as"?, "reason"?, "effects", "set", "policy": {"name", "digest"}}`.
    public static func json(_ entry: HistoryEntry) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("seq", .int(entry.seq)),
            ("at", .string(entry.at)),
            ("today", .string(entry.today.description)),
            ("from", .text(entry.from)),
            ("to", .string(entry.to)),
            ("transition", .string(entry.transition)),
            ("trigger", parsed(entry.trigger)),
            ("actor", .string(entry.actor)),
        ]
        if let role = entry.role { members.append(("as", .string(role))) }
        if let reason = entry.reason { members.append(("reason", .string(reason))) }
        members += [
            ("effects", .array(entry.effects.map { .string($0) })),
            ("set", parsed(entry.set)),
            ("policy", .object([("name", .string(entry.policyName)), ("digest", .string(entry.policyDigest))])),
        ]
        return .object(members)
    }

    /// An `export` line, as `run` and `impact --records` read it: `{"id", "status", "facts"}`.
    public static func exportLine(_ record: StoredRecord) -> JSONValue {
        .object([("id", .string(record.id)), ("status", .text(record.status)), ("facts", parsed(record.facts))])
    }

    /// An outbox entry: `{"key", "record", "policy", "effect", "transition", "today",
    /// "payload", "attempts", "state", "last_error"?}` — what `outbox` lists and what a
    /// deliverer hands to the application.
    public static func json(_ entry: OutboxEntry) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("key", .string(entry.key)),
            ("record", .string(entry.record)),
            ("policy", .string(entry.policy)),
            ("effect", .string(entry.effect)),
            ("transition", .string(entry.transition)),
            ("today", .string(entry.today.description)),
            ("payload", parsed(entry.payload)),
            ("attempts", .int(entry.attempts)),
            ("state", .string(entry.state.rawValue)),
        ]
        if let error = entry.lastError { members.append(("last_error", .string(error))) }
        return .object(members)
    }

    /// Stored JSON text as a value (`null` if it is not readable, which the ledger never writes).
    static func parsed(_ text: String) -> JSONValue {
        (try? JSONReader.parse(Array(text.utf8)).get()) ?? .null
    }
}
