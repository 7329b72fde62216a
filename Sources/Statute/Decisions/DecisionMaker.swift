import StatuteCore

/// The one place Statute makes decisions for a front end — `statute eval` and `run`, the
/// decision service, the console, the C ABI, `replay` and the ledger: a policy's engine
/// with the settings it was configured with, which evaluates records and lists manual
/// options, applying a request's own setting overrides, and answers every failure as a
/// ``DecisionError``.
///
/// Immutable and `Sendable`: one decision maker serves any number of threads.
///
/// ```swift
/// let maker = try DecisionMaker(policy: policy, settings: ["expiring_notice_days": .int(30)])
/// let input = try DecisionInput.read(json: body, shape: .evaluate, policy: maker.policy).get()
/// let decision = try maker.evaluate(input, today: today)
/// print(decision.json.rendered())
/// ```
public struct DecisionMaker: Sendable {
    /// The engine with the configured settings (used when a request overrides none).
    public let engine: Engine
    /// The configured settings, by name, as given (before defaults).
    public let settings: [String: Value]

    /// The policy decided by.
    public var policy: CompiledPolicy { engine.policy }

    /// A decision maker around an engine built with `settings`.
    public init(engine: Engine, settings: [String: Value]) {
        self.engine = engine
        self.settings = settings
    }

    /// Builds the engine of `policy` with `settings`.
    ///
    /// - Throws: the engine's diagnostic for an unknown setting or a bad value.
    public init(policy: CompiledPolicy, settings: [String: Value] = [:]) throws(Diagnostic) {
        self.init(engine: try Engine(policy: policy, settings: settings), settings: settings)
    }

    // MARK: - Settings

    /// The settings in effect for a request: the configured ones, each override replacing its own.
    public func settings(overriding overrides: [String: Value]) -> [String: Value] {
        overrides.isEmpty ? settings : settings.merging(overrides) { _, override in override }
    }

    /// The engine for a request: the configured one, or a new one when the request
    /// overrides settings.
    ///
    /// - Throws: the engine's diagnostic for an override it refuses.
    public func engine(overriding overrides: [String: Value]) throws(Diagnostic) -> Engine {
        guard !overrides.isEmpty else { return engine }
        return try Engine(policy: engine.policy, settings: settings(overriding: overrides))
    }

    /// Reads settings given as JSON — a settings file, `settings_json` of the C ABI, a
    /// logged decision's settings: an object of setting values, nested or with dotted
    /// keys (or `null` for none), each checked against the policy's declarations as a
    /// request's `settings` are.
    public static func settings(_ json: JSONValue, policy: CompiledPolicy) -> Result<[String: Value], DecisionError> {
        Result { () throws(DecisionError) in
            try DecisionInputReader.values(json, kind: .setting, key: "settings", of: "the request", id: .null, policy: policy)
        }
    }

    // MARK: - Evaluating

    /// Evaluates a record: handles the event or manual request, then settles
    /// (docs/policy-language.md).
    ///
    /// - Parameters:
    ///   - record: the record's status and facts.
    ///   - request: an event, a manual request or plain evaluation.
    ///   - overrides: the request's own settings, over the configured ones.
    ///   - today: the date of the evaluation.
    ///   - explain: whether the result carries every transition considered and why.
    ///   - detailingSteps: whether the decision carries each step's due date, effects and
    ///     `set` values (``Decision/appliedSteps``), for a host that stores every change.
    ///   - id: the record's id, echoed in an error.
    /// - Throws: a ``DecisionError`` for a setting, status, fact, event, role or
    ///   transition the policy refuses, or an automatic cycle.
    public func evaluate(_ record: Record, request: Request = .evaluate, settings overrides: [String: Value] = [:],
                         today: CalendarDate, explain: Bool = false, detailingSteps: Bool = false,
                         id: JSONValue = .null) throws(DecisionError) -> Decision {
        do {
            let engine = try engine(overriding: overrides)
            if detailingSteps {
                let (result, steps) = try engine.evaluateDetailingSteps(record, request: request, today: today, explain: explain)
                return Decision(result: result, appliedSteps: steps, today: today, engine: engine,
                                settings: settings(overriding: overrides))
            }
            let result = try engine.evaluate(record, request: request, today: today, explain: explain)
            return Decision(result: result, appliedSteps: [], today: today, engine: engine,
                            settings: settings(overriding: overrides))
        } catch {
            throw DecisionError(id: id, error)
        }
    }

    /// Evaluates a request read by ``DecisionInput``: its record, event or manual
    /// request, settings and `explain`, on its own `today` or else on `today`.
    public func evaluate(_ input: DecisionInput, today: CalendarDate,
                         detailingSteps: Bool = false) throws(DecisionError) -> Decision {
        try evaluate(input.record, request: input.request, settings: input.settings, today: input.today ?? today,
                     explain: input.explain, detailingSteps: detailingSteps, id: input.id)
    }

    /// Only the result of evaluating a `statute run` line (read with the `runLine` shape,
    /// which has no settings or date of its own): the path taken for every record of a run.
    package func result(of input: DecisionInput, today: CalendarDate) throws(DecisionError) -> EvaluationResult {
        do {
            return try engine.evaluate(input.record, request: input.request, today: today)
        } catch {
            throw DecisionError(id: input.id, error)
        }
    }

    // MARK: - Manual options

    /// The manual transitions `role` could request for a record now, each allowed or not
    /// (and why not), in policy order.
    ///
    /// - Throws: a ``DecisionError`` for a setting, status, fact or role the policy refuses.
    public func options(for record: Record, role: String, settings overrides: [String: Value] = [:],
                        today: CalendarDate) throws(DecisionError) -> ManualOptions {
        do {
            let engine = try engine(overriding: overrides)
            let options = try engine.manualOptions(for: record, role: role, today: today)
            return ManualOptions(options: options, today: today, settings: settings(overriding: overrides))
        } catch {
            throw DecisionError(error)
        }
    }

    /// The options of a request read by ``DecisionInput`` with the `options` shape, on its
    /// own `today` or else on `today`.
    ///
    /// - Throws: `missing-role` when the request names no role, or what
    ///   ``options(for:role:settings:today:)`` throws.
    public func options(_ input: DecisionInput, today: CalendarDate) throws(DecisionError) -> ManualOptions {
        guard let role = input.role else {
            throw DecisionError(code: "missing-role", message: "an options request needs `as`, the role asking")
        }
        return try options(for: input.record, role: role, settings: input.settings, today: input.today ?? today)
    }
}
