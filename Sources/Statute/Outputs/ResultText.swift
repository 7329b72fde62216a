import StatuteCore

/// Readable text for evaluation results and manual options, written for staff.
///
/// Statuses are shown by label when a policy is given (`In Progress (in_progress)`),
/// otherwise by id.
public struct ResultText {
    /// The policy that gives statuses their labels, or `nil` to show ids only.
    public let policy: CompiledPolicy?

    /// Creates a formatter; pass the policy to show statuses by label.
    public init(policy: CompiledPolicy? = nil) {
        self.policy = policy
    }

    /// A status for people: `Label (id)`, or `no status (new record)` for `nil`.
    public func name(_ status: String?) -> String {
        guard let status else { return "no status (new record)" }
        guard let label = policy?.status(status)?.label, label != status else { return status }
        return "\(label) (\(status))"
    }

    /// The whole result, ending with a newline.
    public func render(_ result: EvaluationResult) -> String {
        var lines: [String] = []
        switch result.outcome {
        case .changed:
            lines.append("Changed: \(name(result.previous)) → \(name(result.status))")
        case .unchanged:
            lines.append("Unchanged: the record stays \(name(result.status))")
        case .ignored:
            lines.append("Ignored: the record stays \(name(result.status))")
        case .rejected:
            lines.append("Rejected: the record stays \(name(result.status))")
        }
        if let reason = result.reason, result.outcome == .rejected || result.outcome == .ignored {
            lines.append("Reason: \(reason)")
        }
        if !result.steps.isEmpty {
            lines.append("Steps:")
            for (i, step) in result.steps.enumerated() {
                let how = step.mode == .manual ? "manual" : "automatic, on \(triggerWord(step.trigger))"
                lines.append("  \(i + 1). \(step.transition): \(name(step.from)) → \(name(step.to)) (\(how))")
            }
        }
        if !result.effects.isEmpty {
            lines.append("Effects: \(result.effects.joined(separator: ", "))")
        }
        if !result.assignments.isEmpty {
            lines.append("Set:")
            for assignment in result.assignments {
                lines.append("  \(assignment.fact) = \(plain(assignment.value))")
            }
        }
        if result.outcome != .rejected {
            if let next = result.next {
                lines.append("Next change: \(name(next.to)) on \(next.date) (transition \(next.transition))")
            } else {
                lines.append("Next change: none scheduled")
            }
        }
        if let explanation = result.explanation {
            lines.append(contentsOf: explain(explanation))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The explanation, grouped by what considered each transition: the event, the
    /// manual request, then the automatic settle. Within a group that saw the record in
    /// more than one status (a settle that took steps), each run of considerations is
    /// headed by the status it is about, so a transition that appears twice (not due
    /// yet from Active, then not applicable from Expired) says which status each line means.
    public func explain(_ explanation: Explanation) -> [String] {
        var lines: [String] = ["Explanation:"]
        if explanation.considerations.isEmpty {
            lines.append("  no transition was considered")
            return lines
        }
        let phases: [(Phase, String)] = [(.event, "The event"), (.manual, "The manual request"),
                                         (.settle, "Automatic changes (when and at)")]
        for (phase, title) in phases {
            let group = explanation.considerations.filter { $0.phase == phase }
            guard !group.isEmpty else { continue }
            lines.append("  \(title):")
            let runs = Self.runsByStatus(group)
            let headed = runs.count > 1
            for run in runs {
                let indent = headed ? "      " : "    "
                if headed { lines.append("    from \(name(run.status)):") }
                for consideration in run.items where consideration.verdict != .wrongStatus {
                    let mark = consideration.verdict == .taken ? "✓" : "·"
                    lines.append("\(indent)\(mark) \(consideration.message)")
                    if !consideration.values.isEmpty {
                        let values = consideration.values.map { "\($0.name) = \(plain($0.value))" }
                        lines.append("\(indent)  values: \(values.joined(separator: ", "))")
                    }
                }
                var seen = Set<String>()
                let elsewhere = run.items.filter { $0.verdict == .wrongStatus && seen.insert($0.transition).inserted }
                if !elsewhere.isEmpty {
                    let ids = elsewhere.map(\.transition).joined(separator: ", ")
                    lines.append("\(indent)· not applicable from \(name(run.status)): \(ids)")
                }
            }
        }
        return lines
    }

    /// Consecutive considerations made while the record had the same status.
    static func runsByStatus(_ considerations: [Consideration]) -> [(status: String?, items: [Consideration])] {
        var runs: [(status: String?, items: [Consideration])] = []
        for consideration in considerations {
            if let last = runs.last, last.status == consideration.status {
                runs[runs.count - 1].items.append(consideration)
            } else {
                runs.append((consideration.status, [consideration]))
            }
        }
        return runs
    }

    /// The manual options of a record for a role, one per line, ending with a newline.
    public func render(_ options: [ManualOption], role: String) -> String {
        guard !options.isEmpty else {
            return "No manual transition applies from here for `\(role)`.\n"
        }
        var lines = ["Manual transitions for `\(role)`:"]
        for option in options {
            let target = option.label == option.to ? option.to : "\(option.label) (\(option.to))"
            if option.allowed {
                lines.append("  allowed      \(target) via \(option.transition)")
            } else {
                lines.append("  not allowed  \(target) via \(option.transition): \(option.reason ?? "not permitted")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func triggerWord(_ trigger: TriggerKind) -> String {
        switch trigger {
        case .event: "event"
        case .when: "condition"
        case .at: "date"
        case .manual: "request"
        }
    }

    /// A value as staff read it: dates and numbers bare, text unquoted, null as `null`.
    func plain(_ value: Value) -> String {
        if case .string(let text) = value { return "\"\(text)\"" }
        return value.description
    }
}
