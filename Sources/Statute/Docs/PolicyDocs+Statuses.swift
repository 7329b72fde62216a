import Foundation
import StatuteCore

/// Per-status sections and the common pitfalls.
extension DocsWriter {
    func statusSection(_ status: Status) -> [DocBlock] {
        var out: [DocBlock] = [.heading(level: 3, [.text(status.label + " ("), .code(status.id), ")"])]
        if let description = status.description { out += paragraphs(description) }
        let incoming = incomingTransitions(to: status)
        out.append(.paragraph([.strong(["How it is set:"]), .text(" " + howSet(incoming))]))
        if !incoming.isEmpty { out.append(.list(incoming.map { transitionLine($0, showTarget: false) })) }

        let settings = settingsAffecting(incoming)
        if !settings.isEmpty {
            let list: [[DocInline]] = settings.map { setting in
                var item: [DocInline] = [.code(setting.name.value)]
                if let label = setting.label { item.append(.text(" (“\(label)”)")) }
                if let value = setting.defaultValue { item += [", default ", .code("\(value.value)")] }
                return item
            }
            out.append(.paragraph([.strong(["Settings that affect it:"]), " "] + .joined(list, separator: "; ") + ["."]))
        }
        if status.isFinal {
            out.append(.paragraph([.strong(["Final:"]), " yes — no status follows."]))
        } else {
            let outgoing = outgoingTransitions(from: status)
            if outgoing.isEmpty {
                out.append(.paragraph([.strong(["What can follow:"]), " nothing — no transition leaves this status."]))
            } else {
                out.append(.paragraph([.strong(["What can follow:"])]))
                out.append(.list(outgoing.map { transitionLine($0, showTarget: true) }))
            }
        }
        return out
    }

    /// "Set automatically." / "Set manually by staff (and admin)." / both.
    func howSet(_ incoming: [Transition]) -> String {
        let automatic = incoming.contains { $0.mode == .automatic }
        let roles = manualRoles(incoming)
        switch (automatic, roles.isEmpty) {
        case (true, true): return "Set automatically."
        case (true, false): return "Set automatically, and manually by \(roles)."
        case (false, false): return "Set manually by \(roles)."
        case (false, true): return "Never set: no transition leads to this status."
        }
    }

    /// One transition in words: its id, trigger, `from` (for incoming transitions),
    /// guard, effects and facts set. Outgoing transitions lead with their target.
    func transitionLine(_ transition: Transition, showTarget: Bool) -> [DocInline] {
        var how: [DocInline]
        switch transition.trigger {
        case .event(let name):
            let description = policy.events.first { $0.name.value == name }?.description
            how = ["automatically, when "] + (description.map { [.text($0.asClause + " ("), .code(name), ")"] }
                ?? ["the event ", .code(name), " is reported"])
        case .when(let e):
            how = ["automatically, as soon as "] + words.inlines(e.syntax)
        case .at(let e):
            how = ["automatically, "] + words.dateInlines(e.syntax)
        case .manual:
            how = [.text("manually, by " + manualRoles([transition]))]
        }
        if !showTarget { how.append(.text(", " + fromWords(transition))) }
        if let g = transition.guardExpression { how += [", if "] + words.inlines(g.syntax) }
        let lead: [DocInline] = showTarget ? [.strong([.text(label(transition.to))]), " (", .code(transition.id), ")"]
            : [.strong([.code(transition.id)])]
        var line = lead + [" — "] + how + ["."]
        if let description = transition.description {
            line += [" ", .emphasis([.text(description.trimmingCharacters(in: .whitespaces))])]
        }
        if !transition.effects.isEmpty {
            let effects: [[DocInline]] = transition.effects.map { effect in
                [.code(effect)] + (policy.effects.first { $0.name.value == effect }?.description.map { [.text(" (\($0.asClause))")] } ?? [])
            }
            line += [" Effects: "] + .joined(effects, separator: ", ") + ["."]
        }
        if !transition.assignments.isEmpty {
            let sets: [[DocInline]] = transition.assignments.map { [.code($0.fact), " to "] + words.inlines($0.value.syntax) }
            line += [" Sets "] + .joined(sets, separator: ", ") + ["."]
        }
        return line
    }

    /// "from a new record", "from Applied", "from In Progress or Inactive", "from any status not final".
    func fromWords(_ transition: Transition) -> String {
        var places: [String] = []
        if transition.fromStart { places.append("a new record") }
        if transition.fromWritten.contains(.anyStatus) {
            places.append("any status not final")
        } else {
            places += transition.fromStatuses.sorted().map { label($0) }
        }
        guard places.count > 1 else { return "from " + (places.first ?? "nowhere") }
        return "from " + places.dropLast().joined(separator: ", ") + " or " + places[places.count - 1]
    }

    /// The settings read by the triggers and guards of `transitions` (directly or
    /// through derived values), in declaration order.
    func settingsAffecting(_ transitions: [Transition]) -> [ValueDeclaration] {
        var read = Set<String>()
        var derivedSeen = Set<String>()
        func collect(_ expression: CompiledExpression) {
            for reference in expression.reads {
                switch reference.kind {
                case .setting: read.insert(String(reference.name.dropFirst("settings.".count)))
                case .derived:
                    if derivedSeen.insert(reference.name).inserted,
                       let derived = policy.environment.derived.first(where: { $0.name == reference.name }) {
                        collect(derived.expression)
                    }
                case .fact, .today: break
                }
            }
        }
        for transition in transitions {
            switch transition.trigger {
            case .when(let e), .at(let e): collect(e)
            case .event, .manual: break
            }
            if let g = transition.guardExpression { collect(g) }
        }
        return policy.settings.filter { read.contains($0.name.value) }
    }

    // MARK: - Pitfalls

    func pitfalls() -> [DocBlock] {
        var items: [[DocInline]] = []
        for warning in analysis.warnings {
            items.append([.strong(["Warning"]), " (", .code(warning.code.rawValue), "): "]
                + DocInline.message(warning.message.capitalizedFirst + ".")
                + (warning.help.map { [" Fix: "] + DocInline.message($0 + ".") } ?? []))
        }
        for acknowledged in analysis.acknowledged {
            items.append(DocInline.message(acknowledged.diagnostic.message.capitalizedFirst)
                + [" (", .code(acknowledged.diagnostic.code.rawValue), ", acknowledged). "]
                + [.text(acknowledged.reason.trimmingCharacters(in: .whitespacesAndNewlines))])
        }
        items += whoSetsWhat().map { [.text($0)] }
        return [.heading(level: 2, ["Common pitfalls"]), .list(items)]
    }

    /// Which statuses are set automatically (and which of those by people too), and which only by people.
    func whoSetsWhat() -> [String] {
        var automatic: [String] = []
        var both: [String] = []
        var manualOnly: [(label: String, roles: String)] = []
        for status in policy.statuses {
            let incoming = incomingTransitions(to: status)
            let isAutomatic = incoming.contains { $0.mode == .automatic }
            let roles = manualRoles(incoming, plain: true)
            if isAutomatic { automatic.append(status.label) }
            if isAutomatic, !roles.isEmpty { both.append("\(status.label) (by \(roles))") }
            if !isAutomatic, !roles.isEmpty { manualOnly.append((status.label, roles)) }
        }
        var items: [String] = []
        if !automatic.isEmpty {
            var item = "\(count(automatic.count, "status", "statuses").capitalizedFirst) "
                + "\(automatic.count == 1 ? "is" : "are") set automatically: \(sentenceList(automatic))."
            if !both.isEmpty {
                item += " \(count(both.count, "of them", "of them").capitalizedFirst) can also be set manually: \(sentenceList(both))."
            }
            items.append(item)
        }
        if !manualOnly.isEmpty {
            let sameRoles = Set(manualOnly.map(\.roles)).count == 1
            let list = sameRoles ? sentenceList(manualOnly.map(\.label)) + " (\(manualOnly.count == 1 ? "" : "each ")by \(manualOnly[0].roles))"
                : sentenceList(manualOnly.map { "\($0.label) (by \($0.roles))" })
            items.append("\(count(manualOnly.count, "status", "statuses").capitalizedFirst) "
                + "\(manualOnly.count == 1 ? "is" : "are") never set automatically, only on request: \(list).")
        }
        return items
    }

    func sentenceList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        let names = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return (n < names.count ? names[n] : String(n)) + " " + (n == 1 ? singular : plural)
    }
}
