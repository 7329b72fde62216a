import Statute

/// The "Why this status, and what next?" form of one policy: its fields, generated from
/// the policy's declared facts and settings, and the reading of a submission into a
/// record, a request, a role, today and setting overrides — with every problem kept
/// next to the field it belongs to.
struct DecisionForm: Sendable {
    /// The request a submission asks about.
    enum Ask: String, Sendable, CaseIterable {
        case evaluate, event, manual
    }

    /// A submission read without errors: what to ask the engine.
    struct Question: Sendable {
        var record: Record
        var request: Request
        /// The role asking; the answer lists its manual options. None: the decision only.
        var role: String?
        var today: CalendarDate
        var settings: [String: Value]
    }

    /// The longest value a field may hold (longer ones are refused, and not shown back whole).
    static let maxFieldLength = 1000

    let policy: CompiledPolicy
    /// The settings in effect on the server for this policy (declared defaults plus the server's).
    let serverSettings: [String: Value]
    /// The date a blank `today` means.
    let defaultToday: CalendarDate

    /// The values shown in the form, by field name, and the problems, by field name
    /// (`""`: the form as a whole).
    struct State: Sendable {
        var values: [String: String] = [:]
        var errors: [String: [String]] = [:]
        var hasErrors: Bool { errors.values.contains { !$0.isEmpty } }

        mutating func fail(_ field: String, _ message: String) { errors[field, default: []].append(message) }
    }

    /// The form as first shown: defaults, the server's settings, today, and "just evaluate".
    func blank() -> State {
        var state = State()
        for declaration in policy.facts {
            state.values["fact." + declaration.name.value] = declaration.defaultValue.map { Self.text($0.value) } ?? ""
        }
        for declaration in policy.settings {
            state.values["setting." + declaration.name.value] = serverSettings[declaration.name.value].map(Self.text) ?? ""
        }
        state.values["today"] = defaultToday.description
        state.values["request"] = Ask.evaluate.rawValue
        state.values["as"] = policy.roles.first?.name ?? ""
        return state
    }

    /// Reads a submission; the question when every field is right, and the state to show back either way.
    func read(_ form: ConsoleForm) -> (State, Question?) {
        var state = State()
        let facts = Dictionary(policy.facts.map { ($0.name.value, $0) }, uniquingKeysWith: { a, _ in a })
        let settings = Dictionary(policy.settings.map { ($0.name.value, $0) }, uniquingKeysWith: { a, _ in a })
        let plain: Set<String> = ["status", "today", "request", "event", "set", "as", "transition"]

        for (name, value) in form.fields.sorted(by: { $0.key < $1.key }) {
            let shown = String(name.prefix(80))
            if name.hasPrefix("fact.") {
                guard facts[String(name.dropFirst(5))] != nil else {
                    let fact = String(name.dropFirst(5))
                    state.fail("", "unknown fact `\(String(fact.prefix(80)))`" + (Suggestions.didYouMean(fact, in: facts.keys.sorted()).map { "; \($0)" } ?? ""))
                    continue
                }
            } else if name.hasPrefix("setting.") {
                guard settings[String(name.dropFirst(8))] != nil else {
                    state.fail("", "unknown setting `\(String(name.dropFirst(8).prefix(80)))`")
                    continue
                }
            } else if !plain.contains(name) {
                state.fail("", "unknown field `\(shown)`")
                continue
            }
            guard value.count <= Self.maxFieldLength else {
                state.fail(name, "too long: \(value.count) characters, at most \(Self.maxFieldLength)")
                state.values[name] = ""
                continue
            }
            state.values[name] = value
        }

        var factValues: [String: Value] = [:]
        for declaration in policy.facts {
            let name = declaration.name.value
            let field = "fact." + name
            let given = state.values[field] ?? ""
            // An unchecked box sends nothing: a plain `bool` is then false.
            if declaration.type.value == .bool && state.errors[field] == nil {
                let checked = given == "true" || given == "on"
                if !given.isEmpty && !checked && given != "false" {
                    state.fail(field, "`\(name)` is a checkbox: `true` or nothing, got `\(String(given.prefix(80)))`")
                } else {
                    factValues[name] = .bool(checked)
                    state.values[field] = checked ? "true" : "false"
                }
                continue
            }
            if let value = parse(given, declaration, field: field, state: &state) { factValues[name] = value }
            else if given.isEmpty, declaration.isRequired, state.errors[field] == nil {
                state.fail(field, "required: `\(name)` is declared `\(declaration.type.value)` with no default")
            }
        }
        var overrides: [String: Value] = [:]
        for declaration in policy.settings {
            let name = declaration.name.value
            let field = "setting." + name
            let given = state.values[field] ?? ""
            if declaration.type.value == .bool && state.errors[field] == nil {
                let checked = given == "true" || given == "on"
                overrides[name] = .bool(checked)
                state.values[field] = checked ? "true" : "false"
                continue
            }
            if let value = parse(given, declaration, field: field, state: &state) { overrides[name] = value }
        }

        var status: String? = nil
        if let given = state.values["status"], !given.isEmpty {
            if policy.status(given) != nil { status = given } else { state.fail("status", "unknown status `\(String(given.prefix(80)))`") }
        }
        var today = defaultToday
        if let given = state.values["today"], !given.isEmpty {
            if let date = CalendarDate(iso: given) { today = date }
            else { state.fail("today", Self.dateProblem(given, name: "today")) }
        }
        // A role is needed for a manual request; otherwise it only asks for that role's options.
        let role = state.values["as"] ?? ""
        if role.isEmpty {
            if state.values["request"] == Ask.manual.rawValue { state.fail("as", "choose the role that asks") }
        } else if policy.role(role) == nil {
            state.fail("as", "unknown role `\(String(role.prefix(80)))`")
        }
        var request = Request.evaluate
        switch Ask(rawValue: state.values["request"] ?? "evaluate") {
        case .evaluate?: break
        case .event?:
            let event = state.values["event"] ?? ""
            if event.isEmpty { state.fail("event", "choose the event") }
            else if !policy.events.contains(where: { $0.name.value == event }) {
                state.fail("event", "unknown event `\(String(event.prefix(80)))`")
            } else { request = .event(event) }
        case .manual?:
            let target = state.values["set"] ?? ""
            let transition = state.values["transition"].flatMap { $0.isEmpty ? nil : $0 }
            if target.isEmpty { state.fail("set", "choose the status to set") }
            else if policy.status(target) == nil { state.fail("set", "unknown status `\(String(target.prefix(80)))`") }
            if let transition, policy.transition(transition) == nil {
                state.fail("transition", "unknown transition `\(String(transition.prefix(80)))`")
            }
            if !target.isEmpty, !role.isEmpty { request = .manual(status: target, role: role, transition: transition) }
        case nil:
            state.fail("request", "choose what to ask: evaluate, an event or a manual request")
        }
        guard !state.hasErrors else { return (state, nil) }
        return (state, Question(record: Record(status: status, facts: factValues), request: request,
                                role: role.isEmpty ? nil : role, today: today, settings: overrides))
    }

    /// One declared value from its field: nil when empty (the default, or null when optional).
    private func parse(_ given: String, _ declaration: ValueDeclaration, field: String, state: inout State) -> Value? {
        guard state.errors[field] == nil else { return nil }
        let name = declaration.name.value
        if given.isEmpty {
            // `bool?` as a select: empty is "not given".
            return nil
        }
        let type = declaration.type.value
        if type.base == .date, CalendarDate(iso: given) == nil {
            state.fail(field, Self.dateProblem(given, name: name))
            return nil
        }
        switch ValueConversion.value(parsing: given, as: type, name: name) {
        case .success(let value):
            if let problem = declaration.violation(of: value) { state.fail(field, problem); return nil }
            return value
        case .failure(let diagnostic):
            state.fail(field, diagnostic.message)
            return nil
        }
    }

    static func dateProblem(_ text: String, name: String) -> String {
        let shown = String(text.prefix(40))
        let shape = text.utf8.count == 10 && text.split(separator: "-").count == 3
        return shape ? "`\(name)`: `\(shown)` is not a real calendar date"
            : "`\(name)` must be a date written YYYY-MM-DD, got `\(shown)`"
    }

    /// A value as a form field holds it.
    static func text(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        default: value.description
        }
    }
}
