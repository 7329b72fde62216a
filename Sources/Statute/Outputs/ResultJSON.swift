import StatuteCore

/// The JSON forms of evaluation results and manual options (docs/cli.md).
public enum ResultJSON {
    /// An evaluation result: `status`, `previous`, `outcome`, `steps`, `effects`, `set`,
    /// `next`, then `reason` (only when rejected or ignored) and `explain` (only when the
    /// result carries an explanation), in that order.
    public static func json(_ result: EvaluationResult) -> JSONValue {
        .object(members(result))
    }

    /// The members of a result object, for callers that prepend their own (`run`'s `id`).
    public static func members(_ result: EvaluationResult) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("status", .text(result.status)),
            ("previous", .text(result.previous)),
            ("outcome", .string(result.outcome.rawValue)),
            ("steps", .array(result.steps.map(json(_:)))),
            ("effects", .array(result.effects.map { .string($0) })),
            ("set", .object(result.assignments.map { ($0.fact, JSONValue($0.value)) })),
            ("next", result.next.map(json(_:)) ?? .null),
        ]
        if result.outcome == .rejected || result.outcome == .ignored {
            members.append(("reason", .text(result.reason)))
        }
        if let explanation = result.explanation {
            members.append(("explain", .array(explanation.considerations.map(json(_:)))))
        }
        return members
    }

    /// `{"transition", "from", "to", "mode", "trigger"}`.
    public static func json(_ step: Step) -> JSONValue {
        .object([
            ("transition", .string(step.transition)),
            ("from", .text(step.from)),
            ("to", .string(step.to)),
            ("mode", .string(step.mode.rawValue)),
            ("trigger", .string(step.trigger.rawValue)),
        ])
    }

    /// `{"transition", "to", "date"}`.
    public static func json(_ next: ScheduledChange) -> JSONValue {
        .object([
            ("transition", .string(next.transition)),
            ("to", .string(next.to)),
            ("date", .string(next.date.description)),
        ])
    }

    /// `{"transition", "phase", "status", "verdict", "date"?, "values", "null"?, "message"}`.
    public static func json(_ consideration: Consideration) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("transition", .string(consideration.transition)),
            ("phase", .string(consideration.phase.rawValue)),
            ("status", .text(consideration.status)),
            ("verdict", .string(consideration.verdict.rawValue)),
        ]
        if let date = consideration.date { members.append(("date", .string(date.description))) }
        members.append(("values", values(consideration.values)))
        if !consideration.nullNames.isEmpty {
            members.append(("null", .array(consideration.nullNames.map { .string($0) })))
        }
        members.append(("message", .string(consideration.message)))
        return .object(members)
    }

    /// A list of manual options: `[{"transition", "to", "label", "allowed", "reason"?}]`.
    public static func json(_ options: [ManualOption]) -> JSONValue {
        .array(options.map { option in
            var members: [(String, JSONValue)] = [
                ("transition", .string(option.transition)),
                ("to", .string(option.to)),
                ("label", .string(option.label)),
                ("allowed", .bool(option.allowed)),
            ]
            if let reason = option.reason { members.append(("reason", .string(reason))) }
            return .object(members)
        })
    }

    /// Named values as an object, in the order read (a name read twice keeps its first value).
    static func values(_ named: [NamedValue]) -> JSONValue {
        var seen = Set<String>()
        return .object(named.compactMap { seen.insert($0.name).inserted ? ($0.name, JSONValue($0.value)) : nil })
    }
}
