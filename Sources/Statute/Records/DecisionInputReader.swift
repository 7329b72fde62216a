import StatuteCore

/// Reads the members of one request object into a ``DecisionInput``, stopping at the
/// first problem (a run line's error names one problem).
///
/// The policy is passed to ``read(_:policy:)`` rather than kept: a stored copy of a
/// `CompiledPolicy` retains and releases each of its fields, per record.
struct DecisionInputReader {
    let shape: DecisionInputShape
    private var id: JSONValue = .null

    init(shape: DecisionInputShape) {
        self.shape = shape
    }

    private var what: String {
        switch shape {
        case .runLine: id == .null ? "the record" : "record \(id.rendered())"
        case .evaluate, .options: "the request"
        }
    }

    mutating func read(_ root: JSONValue, policy: CompiledPolicy) throws(DecisionError) -> DecisionInput {
        guard case .object(let members) = root else {
            throw fail(.invalidInput, "a \(shape == .runLine ? "record" : "request") must be a JSON object, found \(root.kindDescription)")
        }
        // One pass over the members (keys are unique: the parser refuses duplicates), then
        // the checks in their fixed order.
        let keys = shape.keys
        var given = Members()
        var unknown: String?
        for (key, value) in members {
            switch key {
            case "id": given.id = value
            case "status": given.status = value
            case "facts": given.facts = value
            case "event": given.event = value
            case "set": given.set = value
            case "as": given.as = value
            case "transition": given.transition = value
            case "today": given.today = value
            case "settings": given.settings = value
            case "explain": given.explain = value
            default: break
            }
            if unknown == nil, !keys.contains(key) { unknown = key }
        }
        var input = DecisionInput()
        if shape == .runLine, let value = given.id {
            switch value {
            case .string, .int, .null: id = value
            default: throw fail(.wrongType, "`id` must be a string or an integer, found \(value.kindDescription)")
            }
            input.id = id
        }
        if let key = unknown {
            throw fail(.unknownKey, "unknown key `\(key)` in \(what)",
                       help: Suggestions.didYouMean(key, in: keys) ?? "the keys are \(keys.map { "`\($0)`" }.joined(separator: ", "))")
        }
        input.record.status = try optionalText(given.status, key: "status")
        if let facts = given.facts {
            input.record.facts = try values(facts, kind: .fact, key: "facts", policy: policy)
        }
        let event = try optionalText(given.event, key: "event")
        let target = try optionalText(given.set, key: "set")
        let role = try optionalText(given.as, key: "as")
        let transition = try optionalText(given.transition, key: "transition")
        input.role = role
        switch (event, target) {
        case (.some, .some):
            throw fail(.invalidInput, "\(what) has both `event` and `set`", help: "ask for one thing at a time: an event, or a manual `set`")
        case (.some(let event), nil):
            if role != nil, shape != .options { throw fail(.invalidInput, "`as` goes with `set`, not with `event`") }
            if transition != nil { throw fail(.invalidInput, "`transition` goes with `set`, not with `event`") }
            input.request = .event(event)
        case (nil, .some(let status)):
            guard let role else { throw fail(.invalidInput, "`set` needs `as`, the role that asks", help: "add e.g. \"as\": \"staff\"") }
            input.request = .manual(status: status, role: role, transition: transition)
        case (nil, nil):
            if shape == .options {
                guard role != nil else { throw fail(.missingKey, "an options request needs `as`, the role", help: "add e.g. \"as\": \"staff\"") }
            } else if role != nil {
                throw fail(.invalidInput, "`as` goes with `set`", help: "add `set` with the status to ask for, or remove `as`")
            } else if transition != nil {
                throw fail(.invalidInput, "`transition` goes with `set`", help: "add `set` and `as`, or remove `transition`")
            }
        }
        if let today = given.today, today != .null {
            guard case .string(let text) = today else {
                throw fail(.wrongType, "`today` must be a date `YYYY-MM-DD`, found \(today.kindDescription)")
            }
            guard let date = CalendarDate(iso: text) else {
                throw fail(.invalidDate, ValueConversion.invalidDateMessage(text, name: "today"),
                           help: "dates are written `YYYY-MM-DD`, e.g. `2026-03-01`")
            }
            input.today = date
        }
        if let settings = given.settings {
            input.settings = try values(settings, kind: .setting, key: "settings", policy: policy)
        }
        if let explain = given.explain, explain != .null {
            guard case .bool(let flag) = explain else {
                throw fail(.wrongType, "`explain` must be `true` or `false`, found \(explain.kindDescription)")
            }
            input.explain = flag
        }
        return input
    }

    /// The members a request may have, as given.
    private struct Members {
        var id, status, facts, event, set, `as`, transition, today, settings, explain: JSONValue?
    }

    private func optionalText(_ value: JSONValue?, key: String) throws(DecisionError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw fail(.wrongType, "`\(key)` of \(what) must be a string, found \(other.kindDescription)")
        }
    }

    /// Facts or settings: an object of values, nested or with dotted keys.
    private func values(_ value: JSONValue, kind: InputKind, key: String,
                        policy: CompiledPolicy) throws(DecisionError) -> [String: Value] {
        try Self.values(value, kind: kind, key: key, of: what, id: id, policy: policy)
    }

    /// Facts or settings under `key` of `what` (`the request`, `record "A-1"`): an object
    /// of values, nested or with dotted keys, or `null` for none.
    static func values(_ value: JSONValue, kind: InputKind, key: String, of what: @autoclosure () -> String, id: JSONValue,
                       policy: CompiledPolicy) throws(DecisionError) -> [String: Value] {
        if value == .null { return [:] }
        guard case .object = value else {
            throw DecisionError(id: id, .error(.wrongType, "`\(key)` of \(what()) must be an object of \(kind.rawValue) names to values, found \(value.kindDescription)", at: nil))
        }
        var reading = JSONInputValues(kind: kind, declarations: kind == .fact ? policy.facts : policy.settings)
        do {
            try reading.collect(value, prefix: "", policy: policy)
        } catch {
            throw DecisionError(id: id, error)
        }
        return reading.values
    }

    private func fail(_ code: DiagnosticCode, _ message: String, help: String? = nil) -> DecisionError {
        DecisionError(id: id, .error(code, message, at: nil, help: help))
    }
}
