import Statute

/// Builds the "Why this status, and what next?" page from a policy, the form's state and
/// (when the question could be asked) the answer: one field per declared fact and setting,
/// each of the kind its type needs, with its value and its problems.
struct DecideViewBuilder {
    let form: DecisionForm
    let name: String

    func view(_ state: DecisionForm.State, answer: AnswerView?) -> DecideView {
        let policy = form.policy
        let statusOptions = [FieldView.Option(value: "", text: "No status yet (a new record)", selected: (state.values["status"] ?? "").isEmpty)]
            + policy.statuses.map { option($0.id, "\($0.label) (\($0.id))", state.values["status"]) }
        var status = field("status", label: "Current status", hint: "The record's status now.", state)
        status.isSelect = true
        status.options = statusOptions

        var today = field("today", label: "Today", hint: "The date to decide on (YYYY-MM-DD).", state)
        today.isDate = true
        today.required = true

        var event: FieldView? = nil
        if !policy.events.isEmpty {
            var eventField = field("event", label: "Event", hint: "The event that happened.", state)
            eventField.isSelect = true
            eventField.options = [FieldView.Option(value: "", text: "Choose an event", selected: (state.values["event"] ?? "").isEmpty)]
                + policy.events.map { option($0.name.value, $0.name.value + ($0.description.map { " — \($0)" } ?? ""), state.values["event"]) }
            event = eventField
        }
        var set = field("set", label: "Status to set", hint: "The status someone asks to set by hand.", state)
        set.isSelect = true
        set.options = [FieldView.Option(value: "", text: "Choose a status", selected: (state.values["set"] ?? "").isEmpty)]
            + policy.statuses.map { option($0.id, "\($0.label) (\($0.id))", state.values["set"]) }
        var transition = field("transition", label: "Transition (optional)", hint: "Name one manual transition, or leave it to the policy.", state)
        transition.isSelect = true
        transition.options = [FieldView.Option(value: "", text: "Any that applies", selected: (state.values["transition"] ?? "").isEmpty)]
            + policy.transitions.filter { $0.mode == .manual }.map { option($0.id, $0.id, state.values["transition"]) }
        var role = field("as", label: "Role", hint: "Who asks: a manual request is made as this role, and the answer lists what this role may do next. Not needed to evaluate.", state)
        role.isSelect = true
        role.options = [FieldView.Option(value: "", text: "None — the decision only", selected: (state.values["as"] ?? "").isEmpty)]
            + policy.roles.map { option($0.name, $0.name + ($0.description.map { " — \($0)" } ?? ""), state.values["as"]) }

        let ask = state.values["request"] ?? "evaluate"
        let choices = [("evaluate", "Nothing new — just evaluate (time or facts may have moved the record on)"),
                       ("event", "An event happened"), ("manual", "Someone asks to set a status by hand")]
            .filter { $0.0 != "event" || event != nil }
            .map { DecideView.Choice(value: $0.0, text: $0.1, id: "f-request-\($0.0)", checked: ask == $0.0) }

        let fieldErrors = state.errors.filter { $0.key != "" && !$0.value.isEmpty }.count
        let formErrors = (state.errors[""] ?? []).map { DocHTML.message($0) }
        let requestErrors = (state.errors["request"] ?? []).map { DocHTML.message($0) }
        return DecideView(
            name: name, title: policy.title ?? policy.name, formErrors: formErrors,
            fieldErrorSummary: Self.summary(fieldsWithErrors: fieldErrors), hasProblems: !formErrors.isEmpty || fieldErrors > 0,
            statusField: status,
            factFields: policy.facts.map { declared($0, field: "fact." + $0.name.value, state, isSetting: false) },
            hasSettings: !policy.settings.isEmpty,
            settingFields: policy.settings.map { declared($0, field: "setting." + $0.name.value, state, isSetting: true) },
            todayField: today, requestChoices: choices, requestErrors: requestErrors, requestHasError: !requestErrors.isEmpty,
            eventField: event, setField: set, transitionField: transition, roleField: role, answer: answer)
    }

    /// "1 field below needs attention." / "2 fields below need attention.", or nil when none do.
    static func summary(fieldsWithErrors count: Int) -> String? {
        guard count > 0 else { return nil }
        return count == 1 ? "1 field below needs attention." : "\(count) fields below need attention."
    }

    /// The field of a declared fact or setting, of the kind its type needs.
    private func declared(_ declaration: ValueDeclaration, field name: String, _ state: DecisionForm.State,
                          isSetting: Bool) -> FieldView {
        let type = declaration.type.value
        var hint = "`\(declaration.name.value)`, \(type)"
        if let min = declaration.min { hint += ", at least \(min.value)" }
        if let max = declaration.max { hint += ", at most \(max.value)" }
        if let description = declaration.description { hint += ". " + description }
        if isSetting {
            hint += " Empty: the server's value."
        } else if declaration.isRequired {
            hint += " Required."
        } else if type.isOptional && declaration.defaultValue == nil && type.base != .bool {
            hint += " Empty: not known."
        }
        var view = field(name, label: declaration.label ?? declaration.name.value, hint: hint, state)
        view.hint = hint.replacingBackticks()
        let value = state.values[name] ?? ""
        switch (type.base, type.isOptional) {
        case (.bool, false):
            view.isCheckbox = true
            view.checked = value == "true"
        case (.bool, true):
            // A box cannot say "not given": a select with three answers.
            view.isSelect = true
            view.options = [FieldView.Option(value: "", text: "Not given", selected: value.isEmpty),
                            FieldView.Option(value: "true", text: "Yes", selected: value == "true"),
                            FieldView.Option(value: "false", text: "No", selected: value == "false")]
        case (.date, _):
            view.isDate = true
        case (.int, _):
            view.isNumber = true
            view.min = declaration.min.map { "\($0.value)" }
            view.max = declaration.max.map { "\($0.value)" }
        case (.string, _):
            if let allowed = declaration.allowedValues {
                view.isSelect = true
                view.options = (declaration.isRequired ? [] : [FieldView.Option(value: "", text: "Not given", selected: value.isEmpty)])
                    + allowed.map { option($0.value, $0.value, value) }
            } else {
                view.isText = true
            }
        case (.period, _):
            view.isText = true
        }
        view.required = !isSetting && declaration.isRequired && type.base != .bool
        return view
    }

    private func field(_ name: String, label: String, hint: String, _ state: DecisionForm.State) -> FieldView {
        FieldView(name: name, label: label, hint: hint, value: String((state.values[name] ?? "").prefix(DecisionForm.maxFieldLength)),
                  required: false, errors: state.errors[name] ?? [])
    }

    private func option(_ value: String, _ text: String, _ current: String?) -> FieldView.Option {
        FieldView.Option(value: value, text: text, selected: current == value)
    }
}

extension String {
    /// Backticks dropped, for hints shown as plain text.
    func replacingBackticks() -> String { filter { $0 != "`" } }
}
