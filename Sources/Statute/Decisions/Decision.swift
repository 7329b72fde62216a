import StatuteCore

/// A record evaluated by a ``DecisionMaker``: the result, and what it was decided with.
public struct Decision: Sendable {
    /// The engine's result: status, outcome, steps, effects, `set` values, `next`.
    public let result: EvaluationResult
    /// Each step with its due date, effects and `set` values, when asked for
    /// (`detailingSteps`); otherwise empty.
    public let appliedSteps: [AppliedStep]
    /// The date it was evaluated on.
    public let today: CalendarDate
    /// The engine that decided (the configured one, or one with the request's settings).
    public let engine: Engine
    /// The settings in effect, by name, as given (before defaults).
    public let settings: [String: Value]

    /// The answer as `statute eval --format json` writes it (``ResultJSON/json(_:)-(EvaluationResult)``).
    public var json: JSONValue { ResultJSON.json(result) }
}

/// The manual transitions a role could request, as a ``DecisionMaker`` lists them.
public struct ManualOptions: Sendable {
    /// Every manual transition from the record's status, allowed or not, in policy order.
    public let options: [ManualOption]
    /// The date they were listed on.
    public let today: CalendarDate
    /// The settings in effect, by name, as given (before defaults).
    public let settings: [String: Value]

    /// Only the options the role may take now.
    public var allowed: [ManualOption] { options.filter(\.allowed) }

    /// The answer of an options request (the service and the C ABI):
    /// `{"options": [{"transition", "to", "label"}]}`, the allowed ones in policy order.
    public var json: JSONValue {
        .object([("options", .array(allowed.map { option in
            .object([("transition", .string(option.transition)), ("to", .string(option.to)), ("label", .string(option.label))])
        }))])
    }
}
