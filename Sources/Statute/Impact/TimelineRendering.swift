import StatuteCore

/// The JSON and text forms of timelines (docs/impact.md).
package enum TimelineJSON {
    /// `{"date", "transition", "from", "to", "effects", "set"}`.
    package static func json(_ entry: TimelineEntry) -> JSONValue {
        .object([
            ("date", .string(entry.date.description)),
            ("transition", .string(entry.transition)),
            ("from", .text(entry.from)),
            ("to", .string(entry.to)),
            ("effects", .array(entry.effects.map { .string($0) })),
            ("set", .object(entry.set.map { ($0.fact, JSONValue($0.value)) })),
        ])
    }

    /// `statute timeline --format json`: the dated sequence itself, `[{"date", "transition", "from", "to", "effects", "set"}]`.
    package static func json(_ trajectory: Trajectory) -> JSONValue {
        .array(trajectory.entries.map(json(_:)))
    }
}

/// Timelines in words, with status labels from a policy.
package struct TimelineText: Sendable {
    /// The policy whose labels name statuses.
    package let policy: CompiledPolicy

    /// Creates a renderer for a policy's records.
    package init(policy: CompiledPolicy) { self.policy = policy }

    /// `Label (id)`, or `no status` for a new record.
    package func name(_ status: String?) -> String {
        guard let status else { return "no status" }
        guard let label = policy.status(status)?.label, label != status else { return status }
        return "\(Escaping.controlCharacters(label)) (\(status))"
    }

    /// One line per entry: `2026-01-29  expiring: Active → Expiring; effects: …; set: …`.
    package func line(_ entry: TimelineEntry, indent: String = "  ") -> String {
        var text = "\(indent)\(entry.date)  \(entry.transition): \(shortName(entry.from)) → \(shortName(entry.to))"
        if !entry.effects.isEmpty { text += "; effects: " + entry.effects.joined(separator: ", ") }
        if !entry.set.isEmpty { text += "; set " + entry.set.map { "\($0.fact) = \($0.value)" }.joined(separator: ", ") }
        return text
    }

    func shortName(_ status: String?) -> String {
        guard let status else { return "(new)" }
        return Escaping.controlCharacters(policy.status(status)?.label ?? status)
    }

    /// `statute timeline` in words: the entries, then where the record ends up.
    package func render(_ trajectory: Trajectory, start: String?, from: CalendarDate, until: CalendarDate) -> String {
        var out = "Timeline from \(from) to \(until), starting \(name(start)):\n"
        if trajectory.entries.isEmpty {
            out += "  no automatic change in this window\n"
        } else {
            for entry in trajectory.entries { out += line(entry) + "\n" }
        }
        out += "On \(until): \(name(trajectory.finalStatus))\n"
        return out
    }
}
