import StatuteCore

/// `statute impact` as JSON (docs/impact.md): `{"records", "affected", "summary", "differences",
/// "errors"}`, written as ``head(_:)``, each difference as an ``item(_:first:)``, then
/// ``tail(_:anyDifference:)`` — so that a caller can stream the differences after the
/// summary without holding them all.
package enum ImpactJSON {
    /// `{"id", "diverges_on", "old": [entries], "new": [entries]}`, or `nil` for an unaffected record or an error.
    package static func difference(_ impact: RecordImpact) -> JSONValue? {
        guard case .played(let id, _, let old, let new, let date?) = impact else { return nil }
        return .object([
            ("id", id),
            ("diverges_on", .string(date.description)),
            ("old", .array(old.entries.map(TimelineJSON.json(_:)))),
            ("new", .array(new.entries.map(TimelineJSON.json(_:)))),
        ])
    }

    /// `{"status_changes": [{"from", "to", "count"}], "transitions": [{"transition", "old", "new"}], "effects": [{"effect", "old", "new"}]}`.
    package static func summary(_ summary: ImpactSummary) -> JSONValue {
        .object([
            ("status_changes", .array(summary.statusChanges.map {
                .object([("from", .text($0.from)), ("to", .text($0.to)), ("count", .int($0.count))])
            })),
            ("transitions", .array(summary.changedTransitions.map {
                .object([("transition", .string($0.0)), ("old", .int($0.1.old)), ("new", .int($0.1.new))])
            })),
            ("effects", .array(summary.changedEffects.map {
                .object([("effect", .string($0.0)), ("old", .int($0.1.old)), ("new", .int($0.1.new))])
            })),
        ])
    }

    /// The head of the document up to the opening of `differences`, for streaming.
    package static func head(_ summary: ImpactSummary) -> String {
        "{\n  \"records\": \(summary.records),\n  \"affected\": \(summary.affected),\n  \"summary\": "
            + indented(self.summary(summary).rendered(pretty: true)) + ",\n  \"differences\": ["
    }

    /// The tail after the last difference (`anyDifference`: whether the list was non-empty).
    package static func tail(_ summary: ImpactSummary, anyDifference: Bool) -> String {
        (anyDifference ? "\n  ]" : "]") + ",\n  \"errors\": \(summary.errors)\n}\n"
    }

    /// One difference as an item of the streamed list (`first`: no comma before it).
    package static func item(_ rendered: String, first: Bool) -> String {
        (first ? "\n    " : ",\n    ") + rendered
    }

    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? String($0.element) : "  " + $0.element }.joined(separator: "\n")
    }
}

/// `statute impact` in words: counts first, then examples.
package struct ImpactText: Sendable {
    /// Names statuses by the current policy's labels.
    package let timeline: TimelineText
    /// The first day.
    package let today: CalendarDate
    /// The last day.
    package let until: CalendarDate

    /// Creates a renderer.
    package init(policy: CompiledPolicy, today: CalendarDate, until: CalendarDate) {
        self.timeline = TimelineText(policy: policy)
        self.today = today
        self.until = until
    }

    /// The counts: records, affected, statuses on the last day, transitions and effects gained and lost.
    package func summary(_ summary: ImpactSummary, candidate: String) -> String {
        let window = today == until ? "on \(today)" : "from \(today) to \(until)"
        var out = "Impact of \(candidate) \(window):\n"
        out += "  \(summary.records) record\(summary.records == 1 ? "" : "s") read, \(summary.affected) affected"
        out += summary.errors > 0 ? ", \(summary.errors) in error\n" : "\n"
        if !summary.statusChanges.isEmpty {
            out += "Status on \(until), current → candidate:\n"
            for change in summary.statusChanges {
                out += "  \(pad(change.count)) \(timeline.name(change.from)) → \(timeline.name(change.to))\n"
            }
        }
        if !summary.changedTransitions.isEmpty {
            out += "Transitions taken, current → candidate:\n"
            for (id, tally) in summary.changedTransitions {
                out += "  \(signed(tally.new - tally.old)) `\(id)` (\(tally.old) → \(tally.new))\(dates(tally))\n"
            }
        }
        if !summary.changedEffects.isEmpty {
            out += "Effects, current → candidate:\n"
            for (name, tally) in summary.changedEffects {
                out += "  \(signed(tally.new - tally.old)) `\(name)` (\(tally.old) → \(tally.new))\(dates(tally))\n"
            }
        }
        return out
    }

    /// One affected record in words: where it diverges and both timelines.
    package func example(_ impact: RecordImpact) -> String? {
        guard case .played(let id, let line, let old, let new, let date?) = impact else { return nil }
        let name = id == .null ? "the record on line \(line)" : "record \(Escaping.controlCharacters(id.rendered()))"
        let end = old.finalStatus == new.finalStatus
            ? "\(timeline.name(new.finalStatus)) on \(until) either way"
            : "\(timeline.name(old.finalStatus)) → \(timeline.name(new.finalStatus)) on \(until)"
        var out = "  \(name) diverges on \(date); \(end)\n"
        out += "    current:\n" + lines(old)
        out += "    candidate:\n" + lines(new)
        return out
    }

    private func lines(_ trajectory: Trajectory) -> String {
        if trajectory.entries.isEmpty { return "      no change\n" }
        return trajectory.entries.map { timeline.line($0, indent: "      ") + "\n" }.joined()
    }

    /// The dates of the side that gained (or, for a loss, lost) occurrences.
    private func dates(_ tally: ImpactSummary.Tally) -> String {
        guard let range = tally.new >= tally.old ? tally.newDates : tally.oldDates else { return "" }
        return range.lowerBound == range.upperBound ? " on \(range.lowerBound)" : " between \(range.lowerBound) and \(range.upperBound)"
    }

    private func signed(_ n: Int) -> String { n >= 0 ? "+\(n)" : "−\(-n)" }
    private func pad(_ n: Int) -> String { let s = String(n); return String(repeating: " ", count: max(0, 5 - s.count)) + s }
}
