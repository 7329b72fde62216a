/// Plain-words sentences for explanations and rejections, written for staff.
enum Narration {
    static func label(_ status: Int?, in policy: CompiledPolicy) -> String {
        status.map { policy.statuses[$0].label } ?? "no status (a new record)"
    }

    static func name(_ transition: Transition, in policy: CompiledPolicy) -> String {
        "`\(transition.id)` (to \(policy.statuses[transition.to].label))"
    }

    static func values(_ values: [NamedValue], in policy: CompiledPolicy? = nil) -> String {
        values.map { "`\($0.name)`\(labelSuffix($0.name, in: policy)) is \($0.value)" }.joined(separator: ", ")
    }

    /// ` (“Label”)` for a setting or fact that has a label, so staff recognise it.
    static func labelSuffix(_ name: String, in policy: CompiledPolicy?) -> String {
        guard let policy else { return "" }
        let label: String?
        if name.hasPrefix("settings.") {
            label = policy.settingSlot(of: String(name.dropFirst("settings.".count))).flatMap { policy.settings[$0].label }
        } else {
            label = policy.factSlot(of: name).flatMap { policy.facts[$0].label }
        }
        return label.map { " (“\($0)”)" } ?? ""
    }

    /// The statuses a set of transitions applies from, as labels (`start` first when included).
    static func fromStatuses(of transitions: [Transition], in policy: CompiledPolicy) -> [String] {
        var result: [String] = []
        if transitions.contains(where: \.fromStart) { result.append("start") }
        for status in policy.statuses where transitions.contains(where: { $0.fromStatuses.contains(status.index) }) {
            result.append(status.id)
        }
        return result
    }

    /// The declared roles that may request at least one of the transitions (directly or through `includes`).
    static func rolesAdmitted(by transitions: [Transition], in policy: CompiledPolicy) -> [String] {
        policy.roles.filter { role in transitions.contains { $0.roles.contains(where: role.actsAs.contains) } }.map(\.name)
    }

    static func taken(_ transition: Transition, from status: Int?, in policy: CompiledPolicy,
                      date: CalendarDate? = nil) -> String {
        var text = "\(name(transition, in: policy)) was taken: \(label(status, in: policy)) → \(policy.statuses[transition.to].label)"
        if let date { text += ", due on \(date)" }
        return text
    }

    static func wrongStatus(_ transition: Transition, status: Int?, in policy: CompiledPolicy) -> String {
        let from = fromStatuses(of: [transition], in: policy).map { $0 == "start" ? "a new record" : policy.status($0)?.label ?? $0 }
        return "\(name(transition, in: policy)) does not apply: it applies only from \(from.joined(separator: ", ")), and the record is \(label(status, in: policy))"
    }

    static func guardFalse(_ transition: Transition, _ guardExpression: CompiledExpression, _ read: [NamedValue],
                           in policy: CompiledPolicy) -> String {
        let why = read.isEmpty ? "" : "\(values(read, in: policy)), and "
        return "\(name(transition, in: policy)) was not taken: \(why)its guard needs `\(guardExpression.source.text)`"
    }

    static func guardUnknown(_ transition: Transition, _ guardExpression: CompiledExpression, _ nullNames: [String],
                             in policy: CompiledPolicy) -> String {
        "\(name(transition, in: policy)) was not taken: its guard `\(guardExpression.source.text)` is unknown\(becauseNull(nullNames))"
    }

    static func conditionFalse(_ transition: Transition, _ condition: CompiledExpression, _ read: [NamedValue],
                               in policy: CompiledPolicy) -> String {
        let why = read.isEmpty ? "" : ": \(values(read))"
        return "\(name(transition, in: policy)) was not taken: its condition `\(condition.source.text)` is false\(why)"
    }

    static func conditionUnknown(_ transition: Transition, _ condition: CompiledExpression, _ nullNames: [String],
                                 in policy: CompiledPolicy) -> String {
        "\(name(transition, in: policy)) was not taken: its condition `\(condition.source.text)` is unknown\(becauseNull(nullNames))"
    }

    static func dateUnknown(_ transition: Transition, _ date: CompiledExpression, _ nullNames: [String],
                            in policy: CompiledPolicy) -> String {
        "\(name(transition, in: policy)) is not scheduled: its date `\(date.source.text)` has no value\(becauseNull(nullNames))"
    }

    static func notDue(_ transition: Transition, _ due: CalendarDate, today: CalendarDate, in policy: CompiledPolicy) -> String {
        let days = today.days(until: due)
        return "\(name(transition, in: policy)) is not due yet: it fires on \(due), in \(days) day\(days == 1 ? "" : "s")"
    }

    static func roleNotPermitted(_ transition: Transition, role: String, in policy: CompiledPolicy) -> String {
        let roles = rolesAdmitted(by: [transition], in: policy).map { "`\($0)`" }.joined(separator: ", ")
        return "\(name(transition, in: policy)) may not be requested by `\(role)`; permitted: \(roles)"
    }

    private static func becauseNull(_ names: [String]) -> String {
        switch names.count {
        case 0: ""
        case 1: " because `\(names[0])` is null"
        default: " because \(names.map { "`\($0)`" }.joined(separator: ", ")) are null"
        }
    }
}
