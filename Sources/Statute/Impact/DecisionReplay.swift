import StatuteCore

/// One decision of a decision log evaluated again under another policy.
package struct ReplayedDecision: Sendable {
    /// The log's `decision_id` as written.
    package let decisionID: JSONValue
    /// The log line it came from.
    package let line: Int
    /// The answer the log recorded (`result`).
    package let old: JSONValue
    /// The answer under the new policy, in the same form (the `eval` JSON, the options
    /// list, or `{"error": {"code", "message"}}`).
    package let new: JSONValue
    /// The compared members that differ (`status`, `outcome`, `steps`, `effects`, `set`,
    /// `next`, `previous`, `options` or `error`); empty when the decision stands.
    package let changed: [String]

    /// Whether the decision would come out differently.
    package var differs: Bool { !changed.isEmpty }
}

/// What became of one log line.
package enum ReplayOutcome: Sendable {
    /// The decision was evaluated again.
    case replayed(ReplayedDecision)
    /// The log line itself could not be read.
    case error(ImpactLineError)
}

/// Re-evaluates the decisions of a `statute serve` decision log (docs/service.md) under
/// another policy, with each decision's own `today`, settings and input (`statute replay`).
///
/// A log line is `{"decision_id", "time", "policy", "today", "settings", "input", "result"}`.
/// The input is read as the service read it: a `run` line when the logged answer carries
/// an `id`, an options request when it carries `options`, else an evaluate request.
/// Settings the new policy does not declare are left out; the input's own `settings`
/// override the logged ones. Decisions are compared by what they decide, not by their
/// wording: `status`, `previous`, `outcome`, `steps`, `effects`, `set` and `next` (or
/// the list of allowed manual options, or the error code).
package struct DecisionReplay: Sendable {
    /// The policy decisions are evaluated under.
    package let policy: CompiledPolicy

    /// The result members compared.
    package static let compared = ["status", "previous", "outcome", "steps", "effects", "set", "next"]

    /// Creates a replay under `policy`.
    package init(policy: CompiledPolicy) { self.policy = policy }

    /// Replays line number `line` of the log.
    package func replay(bytes: [UInt8], line: Int) -> ReplayOutcome {
        func failure(_ code: String, _ message: String, id: JSONValue = .null) -> ReplayOutcome {
            .error(ImpactLineError(id: id, line: line, code: code, message: message))
        }
        let root: JSONValue
        switch JSONReader.parse(bytes) {
        case .failure(let error): return failure(error.code, "column \(error.column): \(error.message)")
        case .success(let value): root = value
        }
        guard case .object = root else { return failure("invalid-input", "a decision-log line must be a JSON object, found \(root.kindDescription)") }
        let id = root["decision_id"] ?? .null
        guard case .string(let todayText)? = root["today"], let today = CalendarDate(iso: todayText) else {
            return failure("invalid-input", "the decision has no `today` written YYYY-MM-DD", id: id)
        }
        guard let old = root["result"], case .object = old else { return failure("invalid-input", "the decision has no `result` object", id: id) }
        guard let input = root["input"], input != .null else {
            // A request the service could not read at all is logged with a null input and
            // its error; it stays unreadable under any policy.
            if old["error"] != nil {
                return .replayed(ReplayedDecision(decisionID: id, line: line, old: old, new: old, changed: []))
            }
            return failure("invalid-input", "the decision has no `input`", id: id)
        }
        let new = evaluate(input: input, logged: old, settings: root["settings"], today: today)
        return .replayed(ReplayedDecision(decisionID: id, line: line, old: old, new: new, changed: DecisionReplay.changes(old, new)))
    }

    /// The members of `old` and `new` whose decision differs.
    static func changes(_ old: JSONValue, _ new: JSONValue) -> [String] {
        if old["error"] != nil || new["error"] != nil {
            return old["error"]?["code"] == new["error"]?["code"] ? [] : ["error"]
        }
        if old["options"] != nil || new["options"] != nil {
            return options(old["options"]) == options(new["options"]) ? [] : ["options"]
        }
        return compared.filter { (old[$0] ?? .null) != (new[$0] ?? .null) }
    }

    /// An options list reduced to what it decides: `[{"transition", "to"}]` of the allowed ones.
    static func options(_ list: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = list else { return [] }
        return items.filter { $0["allowed"] != .bool(false) }
            .map { .object([("transition", $0["transition"] ?? .null), ("to", $0["to"] ?? .null)]) }
    }

    private func evaluate(input: JSONValue, logged old: JSONValue, settings: JSONValue?, today: CalendarDate) -> JSONValue {
        // A `run` line's answer always starts with its `id` (null included); options answers hold `options`.
        let shape: DecisionInputShape = old["options"] != nil ? .options
            : (input["id"] != nil || old["id"] != nil) ? .runLine : .evaluate
        let request: DecisionInput
        switch DecisionInput.read(input, shape: shape, policy: policy) {
        case .failure(let error): return error.json
        case .success(let read): request = read
        }
        // The logged settings the new policy declares, read as a request's `settings` are.
        var logged: [String: Value] = [:]
        if case .object(let members)? = settings {
            let declared = members.filter { name, _ in policy.settingSlot(of: name) != nil }
            switch DecisionMaker.settings(.object(declared), policy: policy) {
            case .failure(let error): return DecisionError(code: error.code, message: "the logged settings: " + error.message).json
            case .success(let values): logged = values
            }
        }
        // One engine with the logged settings and the request's own over them.
        let maker: DecisionMaker
        do {
            maker = try DecisionMaker(policy: policy, settings: logged.merging(request.settings) { _, given in given })
        } catch {
            return DecisionError(error).json
        }
        let date = request.today ?? today
        do {
            if shape == .options, let role = request.role {
                return try maker.options(for: request.record, role: role, today: date).json
            }
            // Compared by what is decided: no explanation, even when the request asked for one.
            return try maker.evaluate(request.record, request: request.request, today: date).json
        } catch {
            return error.json
        }
    }
}
