import Foundation
import Statute

/// Asks the engine one question from the console's form and puts the answer in words:
/// the resulting status, steps, effects, next scheduled change, the chosen role's manual
/// options from there, the settings used, and `eval --explain`'s own text (ResultText).
enum DecisionAnswer {
    /// The answer, or the engine's reason for not giving one (a message for the form).
    static func answer(_ question: DecisionForm.Question, version: PolicyVersion, file: String) -> Result<AnswerView, Diagnostic> {
        let policy = version.policy
        let result: EvaluationResult
        let options: [ManualOption]
        let engine: Engine
        do {
            engine = try version.decisions.engine(overriding: question.settings)
            result = try engine.evaluate(question.record, request: question.request, today: question.today, explain: true)
            var facts = question.record.facts
            for assignment in result.assignments { facts[assignment.fact] = assignment.value }
            if let role = question.role {
                options = try engine.manualOptions(for: Record(status: result.status, facts: facts), role: role, today: question.today)
            } else {
                options = []
            }
        } catch {
            return .failure(error)
        }
        let text = ResultText(policy: policy)
        let label = result.status.flatMap { policy.status($0)?.label } ?? "No status (new record)"
        let steps = result.steps.map { step in
            let how = step.mode == .manual ? "manual" : "automatic, on \(trigger(step.trigger))"
            return "\(step.transition): \(text.name(step.from)) → \(text.name(step.to)) (\(how))"
        }
        let effects = result.effects.map { effect in
            AnswerView.Effect(name: effect, description: policy.effects.first { $0.name.value == effect }?.description)
        }
        let next = result.next.map { AnswerView.Next(to: text.name($0.to), date: $0.date.description, transition: $0.transition) }
        let optionViews = options.map { option in
            AnswerView.Option(target: option.label == option.to ? option.to : "\(option.label) (\(option.to))",
                              transition: option.transition, allowed: option.allowed, reason: option.reason ?? "not permitted")
        }
        let used = policy.settings.map { declaration in
            AnswerView.SettingUsed(name: declaration.name.value, label: declaration.label,
                                   value: engine.setting(declaration.name.value).map { "\($0)" } ?? "null")
        }
        // The year ahead, as `statute timeline` plays it: the first day's question, then
        // each due date. A problem on a later day is told there rather than failing the answer.
        let until = question.today.adding(Period(months: 12, days: 0)) ?? question.today
        var timeline: [String]
        do {
            let trajectory = try Timeline.play(question.record, request: question.request, engine: engine,
                                               from: question.today, until: until)
            timeline = trajectory.entries.map { entry in
                var line = "\(entry.date): \(entry.transition), \(text.name(entry.from)) → \(text.name(entry.to))"
                if !entry.effects.isEmpty { line += "; effects: " + entry.effects.joined(separator: ", ") }
                return line
            }
        } catch {
            timeline = ["cannot play the year ahead: \(error.message)"]
        }
        var view = AnswerView(
            statusLabel: label, statusID: result.status, outcome: text.render(result).split(separator: "\n").first.map(String.init) ?? "",
            reason: result.outcome == .rejected || result.outcome == .ignored ? result.reason : nil,
            next: result.outcome == .rejected ? nil : next,
            steps: steps, hasSteps: !steps.isEmpty, effects: effects, hasEffects: !effects.isEmpty,
            assignments: result.assignments.map { "\($0.fact) = \($0.value)" },
            hasAssignments: !result.assignments.isEmpty,
            role: question.role ?? "", hasRole: question.role != nil, optionsFrom: text.name(result.status), options: optionViews, hasOptions: !optionViews.isEmpty,
            settingsUsed: used, words: text.render(result),
            command: command(question, policy: policy, file: file, serverSettings: version.settings))
        view.timeline = timeline
        view.hasTimeline = !timeline.isEmpty
        view.timelineUntil = until.description
        return .success(view)
    }

    private static func trigger(_ kind: TriggerKind) -> String {
        switch kind {
        case .event: "event"
        case .when: "condition"
        case .at: "date"
        case .manual: "request"
        }
    }

    /// `statute eval …` asking the same question.
    static func command(_ question: DecisionForm.Question, policy: CompiledPolicy, file: String,
                        serverSettings: [String: Value]) -> String {
        var words = ["statute", "eval", "--policy", file]
        if let status = question.record.status { words += ["--status", status] }
        for declaration in policy.facts {
            guard let value = question.record.facts[declaration.name.value], value != declaration.defaultValue?.value else { continue }
            words += ["--fact", "\(declaration.name.value)=\(DecisionForm.text(value))"]
        }
        for declaration in policy.settings {
            let name = declaration.name.value
            guard let value = question.settings[name] ?? serverSettings[name], value != declaration.defaultValue?.value else { continue }
            words += ["--setting", "\(name)=\(DecisionForm.text(value))"]
        }
        words += ["--today", question.today.description]
        switch question.request {
        case .event(let event): words += ["--event", event]
        case .manual(let status, let role, let transition):
            words += ["--set", status, "--as", role]
            if let transition { words += ["--transition", transition] }
        case .evaluate: break
        }
        words.append("--explain")
        return words.map(shellQuoted).joined(separator: " ")
    }

    private static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./=:@,".unicodeScalars.contains($0) }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
