import StatuteCore

/// Counts of a replay, one decision at a time.
package struct ReplaySummary: Hashable, Sendable {
    /// Log lines read (blank lines not counted), errors included.
    package private(set) var decisions = 0
    /// Decisions that would come out differently.
    package private(set) var differ = 0
    /// Log lines that could not be read.
    package private(set) var errors = 0

    /// Creates an empty summary.
    package init() {}

    /// Counts one log line.
    package mutating func add(_ outcome: ReplayOutcome) {
        decisions += 1
        switch outcome {
        case .error: errors += 1
        case .replayed(let decision): if decision.differs { differ += 1 }
        }
    }
}

/// `statute replay` as JSON and text.
package enum ReplayRendering {
    /// `{"decision_id", "line", "changed", "old", "new"}` for a decision that differs, else `nil`.
    package static func difference(_ outcome: ReplayOutcome) -> JSONValue? {
        guard case .replayed(let decision) = outcome, decision.differs else { return nil }
        return .object([
            ("decision_id", decision.decisionID),
            ("line", .int(decision.line)),
            ("changed", .array(decision.changed.map { .string($0) })),
            ("old", decision.old),
            ("new", decision.new),
        ])
    }

    /// The head of the JSON document, up to the opening of `differences`.
    package static func head(_ summary: ReplaySummary) -> String {
        "{\n  \"decisions\": \(summary.decisions),\n  \"differ\": \(summary.differ),\n  \"errors\": \(summary.errors),\n  \"differences\": ["
    }

    /// The end of the JSON document.
    package static func tail(anyDifference: Bool) -> String {
        (anyDifference ? "\n  ]" : "]") + "\n}\n"
    }

    /// The counts in words.
    package static func summary(_ summary: ReplaySummary, policy: String) -> String {
        var out = "Replayed \(summary.decisions) decision\(summary.decisions == 1 ? "" : "s") under \(policy): "
        out += "\(summary.differ) would differ"
        out += summary.errors > 0 ? ", \(summary.errors) could not be read\n" : "\n"
        return out
    }

    /// A differing decision in words: each changed member, old → new.
    package static func example(_ outcome: ReplayOutcome) -> String? {
        guard case .replayed(let decision) = outcome, decision.differs else { return nil }
        let name = decision.decisionID == .null ? "the decision on line \(decision.line)" : "decision \(Escaping.controlCharacters(decision.decisionID.rendered()))"
        var out = "  \(name):\n"
        for member in decision.changed {
            let (old, new) = member == "options"
                ? (JSONValue.array(DecisionReplay.options(decision.old["options"])), JSONValue.array(DecisionReplay.options(decision.new["options"])))
                : (decision.old[member] ?? .null, decision.new[member] ?? .null)
            out += "    \(member): \(words(old)) → \(words(new))\n"
        }
        return out
    }

    /// A compact form: strings bare, steps as their transition ids, others as JSON.
    static func words(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return Escaping.controlCharacters(text)
        case .array(let items) where items.allSatisfy({ $0["transition"] != nil }):
            return items.isEmpty ? "none" : items.compactMap { $0["transition"].map(words) }.joined(separator: ", ")
        case .array(let items): return items.isEmpty ? "none" : items.map(words).joined(separator: ", ")
        case .object where value["date"] != nil && value["to"] != nil:
            return "\(words(value["to"] ?? .null)) on \(words(value["date"] ?? .null))"
        default: return Escaping.controlCharacters(value.rendered())
        }
    }
}
