import Statute

/// What one night's run found: the enrollments that changed, the changes scheduled, and
/// the enrollments that could not be evaluated. A value; `rendered()` formats it.
struct NightlyReport {
    struct Change {
        let id: String
        let result: EvaluationResult
    }

    struct Due {
        let id: String
        let change: ScheduledChange
    }

    let policy: CompiledPolicy
    let today: CalendarDate
    private(set) var changes: [Change] = []
    private(set) var unchanged: [String] = []
    private(set) var due: [Due] = []
    private(set) var errors: [(id: String, problem: Diagnostic)] = []
    /// Final status of every enrollment evaluated, by status id.
    private(set) var statusCounts: [String: Int] = [:]

    init(policy: CompiledPolicy, today: CalendarDate) {
        self.policy = policy
        self.today = today
    }

    mutating func add(id: String, _ outcome: Result<EvaluationResult, Diagnostic>) {
        switch outcome {
        case .failure(let problem):
            errors.append((id, problem))
        case .success(let result):
            if result.steps.isEmpty { unchanged.append(id) } else { changes.append(Change(id: id, result: result)) }
            if let next = result.next { due.append(Due(id: id, change: next)) }
            statusCounts[result.status ?? "(none)", default: 0] += 1
        }
    }

    func rendered() -> String {
        var lines: [String] = []
        lines.append("")
        lines.append("Changed (\(changes.count))")
        let width = (changes.map(\.id.count) + due.map(\.id.count) + errors.map(\.id.count)).max() ?? 0
        for change in changes {
            let result = change.result
            let path = ([result.previous ?? "(new)"] + result.steps.map(\.to)).joined(separator: " → ")
            let via = result.steps.map { "\($0.transition) (\($0.trigger.rawValue))" }.joined(separator: ", ")
            lines.append("  \(pad(change.id, width))  \(path)   via \(via)")
            if !result.effects.isEmpty {
                lines.append("  \(pad("", width))  effects: \(result.effects.joined(separator: ", "))")
            }
            for assignment in result.assignments {
                lines.append("  \(pad("", width))  set: \(assignment.fact) = \(assignment.value)")
            }
        }
        if !unchanged.isEmpty {
            lines.append("")
            lines.append("Unchanged (\(unchanged.count)): \(unchanged.joined(separator: ", "))")
        }
        lines.append("")
        lines.append("Due next (\(due.count))")
        let ordered = due.enumerated().sorted { a, b in
            a.element.change.date != b.element.change.date ? a.element.change.date < b.element.change.date : a.offset < b.offset
        }.map(\.element)
        for item in ordered {
            let days = today.days(until: item.change.date)
            lines.append("  \(pad(item.id, width))  \(item.change.date)  → \(item.change.to)   "
                         + "(\(item.change.transition), in \(days) day\(days == 1 ? "" : "s"))")
        }
        if !errors.isEmpty {
            lines.append("")
            lines.append("Errors (\(errors.count))")
            for (id, problem) in errors {
                lines.append("  \(pad(id, width))  error[\(problem.code)]: \(problem.message)"
                             + (problem.help.map { "; help: \($0)" } ?? ""))
            }
        }
        lines.append("")
        let evaluated = changes.count + unchanged.count
        lines.append("Summary: \(evaluated + errors.count) enrollments, \(changes.count) changed, "
                     + "\(unchanged.count) unchanged, \(errors.count) not evaluated; \(due.count) scheduled changes.")
        let counts = policy.statuses.compactMap { status in statusCounts[status.id].map { "\(status.id) \($0)" } }
        if !counts.isEmpty { lines.append("Statuses now: \(counts.joined(separator: ", ")).") }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
