import Foundation
import StatuteCore

/// Per-status sections and the common pitfalls.
extension DocsWriter {
    func statusSection(_ status: Status) -> String {
        var out = ["### \(status.label) (`\(status.id)`)"]
        if let description = status.description { out.append(paragraphs(description)) }
        let incoming = incomingTransitions(to: status)
        out.append("**How it is set:** " + howSet(incoming))
        if !incoming.isEmpty { out.append(incoming.map { "- " + transitionLine($0, showTarget: false) }.joined(separator: "\n")) }

        let settings = settingsAffecting(incoming)
        if !settings.isEmpty {
            let list = settings.map { setting in
                "`\(setting.name.value)`" + (setting.label.map { " (“\($0)”)" } ?? "")
                    + (setting.defaultValue.map { ", default `\($0.value)`" } ?? "")
            }
            out.append("**Settings that affect it:** " + list.joined(separator: "; ") + ".")
        }
        if status.isFinal {
            out.append("**Final:** yes — no status follows.")
        } else {
            let outgoing = outgoingTransitions(from: status)
            if outgoing.isEmpty {
                out.append("**What can follow:** nothing — no transition leaves this status.")
            } else {
                out.append("**What can follow:**\n\n" + outgoing.map { "- " + transitionLine($0, showTarget: true) }
                    .joined(separator: "\n"))
            }
        }
        return out.joined(separator: "\n\n")
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
    func transitionLine(_ transition: Transition, showTarget: Bool) -> String {
        var how: String
        switch transition.trigger {
        case .event(let name):
            let description = policy.events.first { $0.name.value == name }?.description
            how = "automatically, when " + (description.map { "\($0.asClause) (`\(name)`)" } ?? "the event `\(name)` is reported")
        case .when(let e):
            how = "automatically, as soon as " + words.words(e.unpackedSyntax())
        case .at(let e):
            how = "automatically, " + words.dateWords(e.unpackedSyntax())
        case .manual:
            how = "manually, by " + manualRoles([transition])
        }
        if !showTarget { how += ", " + fromWords(transition) }
        if let g = transition.guardExpression { how += ", if " + words.words(g.unpackedSyntax()) }
        let lead = showTarget ? "**\(label(transition.to))** (`\(transition.id)`)" : "**`\(transition.id)`**"
        var parts = [lead + " — " + how + "."]
        if let description = transition.description { parts.append("_\(description.trimmingCharacters(in: .whitespaces))_") }
        if !transition.effects.isEmpty {
            parts.append("Effects: " + transition.effects.map { effect in
                "`\(effect)`" + (policy.effects.first { $0.name.value == effect }?.description.map { " (\($0.asClause))" } ?? "")
            }.joined(separator: ", ") + ".")
        }
        if !transition.assignments.isEmpty {
            parts.append("Sets " + transition.assignments.map { "`\($0.fact)` to \(words.words($0.value.unpackedSyntax()))" }
                .joined(separator: ", ") + ".")
        }
        return parts.joined(separator: " ")
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

    func pitfalls() -> String {
        var items: [String] = []
        for warning in analysis.warnings {
            items.append("- **Warning** (`\(warning.code)`): \(warning.message.capitalizedFirst)."
                + (warning.help.map { " Fix: \($0)." } ?? ""))
        }
        for acknowledged in analysis.acknowledged {
            items.append("- \(acknowledged.diagnostic.message.capitalizedFirst) (`\(acknowledged.diagnostic.code)`, acknowledged). "
                + acknowledged.reason.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        items += whoSetsWhat()
        return (["## Common pitfalls"] + [items.joined(separator: "\n")]).joined(separator: "\n\n")
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
            var item = "- \(count(automatic.count, "status", "statuses").capitalizedFirst) "
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
            items.append("- \(count(manualOnly.count, "status", "statuses").capitalizedFirst) "
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
