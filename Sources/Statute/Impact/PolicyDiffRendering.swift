import StatuteCore

extension PolicyChange {
    /// The change in one sentence: "transition `expiring`: guard changed from `a` to `b`".
    package var message: String {
        let what = subject == .policy ? "policy" : "\(subject.rawValue) `\(name)`"
        switch kind {
        case .added: return "\(what) added" + (new.map { " (\($0))" } ?? "")
        case .removed: return "\(what) removed" + (old.map { " (was \($0))" } ?? "")
        case .changed:
            let part = field ?? "definition"
            switch (old, new) {
            case (nil, let new?): return "\(what): \(part) added: \(PolicyChange.quote(new, part))"
            case (let old?, nil): return "\(what): \(part) removed (was \(PolicyChange.quote(old, part)))"
            case (let old?, let new?) where part == "description" || part == "title":
                return "\(what): \(part) changed from “\(old)” to “\(new)”"
            case (let old?, let new?):
                return "\(what): \(part) changed from \(PolicyChange.quote(old, part)) to \(PolicyChange.quote(new, part))"
            case (nil, nil): return "\(what): \(part) changed"
            }
        }
    }

    static func quote(_ text: String, _ part: String) -> String {
        part == "description" || part == "title" || part == "label" ? "“\(text)”" : "`\(text)`"
    }
}

/// `statute diff` as JSON and as text.
package enum PolicyDiffRendering {
    /// `{"same", "changes": [{"change", "subject", "name", "field"?, "old"?, "new"?, "message"}]}`.
    package static func json(_ diff: PolicyDiff) -> JSONValue {
        .object([
            ("same", .bool(diff.isEmpty)),
            ("changes", .array(diff.changes.map { change in
                var members: [(String, JSONValue)] = [
                    ("change", .string(change.kind.rawValue)),
                    ("subject", .string(change.subject.rawValue)),
                    ("name", .string(change.name)),
                ]
                if let field = change.field { members.append(("field", .string(field))) }
                if let old = change.old { members.append(("old", .string(old))) }
                if let new = change.new { members.append(("new", .string(new))) }
                members.append(("message", .string(change.message)))
                return .object(members)
            })),
        ])
    }

    /// Counts first ("3 changes: 1 setting, 2 transitions"), then one line per change.
    package static func text(_ diff: PolicyDiff, old: String, new: String) -> String {
        guard !diff.isEmpty else { return "No differences between \(old) and \(new).\n" }
        var counts: [(PolicyChange.Subject, Int)] = []
        for subject in PolicyChange.Subject.allCases {
            let names = Set(diff.changes.filter { $0.subject == subject }.map(\.name))
            if !names.isEmpty { counts.append((subject, names.count)) }
        }
        let n = diff.changes.count
        let plural: [PolicyChange.Subject: String] = [.policy: "policy", .status: "statuses", .derived: "derived values"]
        let parts = counts.map { subject, count in
            "\(count) \(count == 1 ? (subject == .derived ? "derived value" : subject.rawValue) : plural[subject] ?? subject.rawValue + "s")"
        }
        var out = "\(n) change\(n == 1 ? "" : "s") from \(Escaping.controlCharacters(old)) to \(Escaping.controlCharacters(new)), in \(parts.joined(separator: ", ")):\n"
        for change in diff.changes { out += "  " + Escaping.controlCharacters(change.message) + "\n" }
        return out
    }
}
