import StatuteCore
import StatuteYAML

/// A test resolved against its policy: names checked, values typed, ready to run.
package struct PreparedTest: Sendable {
    /// The test's name, for reports.
    package let name: String
    /// The whole test entry in the test file, for reports.
    package let span: SourceSpan
    /// The evaluation date: the test's `today`, the file's, or the local date.
    package let today: CalendarDate
    /// The record evaluated: status and typed facts (the file's merged with the test's).
    package let record: Record
    /// The settings the engine is created with (the file's merged with the test's).
    package let settings: [String: Value]
    /// What is asked of the engine.
    package let request: Request
    /// What the result must show.
    package let expect: PreparedExpectation
}

/// A test's expectations with typed values; `nil` fields are not checked.
package struct PreparedExpectation: Hashable, Sendable {
    /// The expected outcome.
    package var outcome: Outcome?
    /// `.some(nil)`: the record stays new.
    package var status: String??
    /// The ids of the transitions expected to be taken, in order.
    package var steps: [String]?
    /// The effects expected, in order.
    package var effects: [String]?
    /// The facts expected to be assigned by `set`, with typed values.
    package var assignments: [Assignment]?
    /// `.some(nil)`: nothing scheduled.
    package var next: NextExpectation??

    /// Creates an expectation that checks nothing.
    package init() {}
}

/// The parts of an expected `next` that were given.
package struct NextExpectation: Hashable, Sendable {
    /// The expected transition id, or `nil` when not checked.
    package var transition: String?
    /// The expected target status id, or `nil` when not checked.
    package var to: String?
    /// The expected date, or `nil` when not checked.
    package var date: CalendarDate?
}

/// Resolves a lowered test file against its compiled policy, reporting every unknown
/// status, transition, effect, event, role, fact or setting, and every ill-typed value,
/// at its line and column.
struct TestBinding {
    let policy: CompiledPolicy
    let file: PolicyTestFile
    let defaultToday: CalendarDate
    var diagnostics: [Diagnostic] = []
    /// The names of the tests left out because of their own errors.
    var notRun: [String] = []

    mutating func bind() -> [PreparedTest] {
        let suiteToday = file.today.flatMap { date($0) }
        let suiteFacts = values(file.facts, declarations: policy.facts, kind: "fact", code: .unknownFact)
        let suiteSettings = values(file.settings, declarations: policy.settings, kind: "setting", code: .unknownSetting)
        return file.tests.compactMap { test in
            let before = diagnostics.count
            let today = test.today.flatMap { date($0) } ?? suiteToday ?? defaultToday
            if let status = test.status { checkStatus(status) }
            let facts = suiteFacts.merging(values(test.facts, declarations: policy.facts, kind: "fact", code: .unknownFact)) { $1 }
            let settings = suiteSettings.merging(values(test.settings, declarations: policy.settings, kind: "setting",
                                                        code: .unknownSetting)) { $1 }
            let request = bindRequest(test.request)
            let expect = bindExpectation(test.expect)
            guard !test.hasErrors, !diagnostics[before...].contains(where: \.isError) else {
                notRun.append(test.name)
                return nil
            }
            return PreparedTest(name: test.name, span: test.span, today: today,
                                record: Record(status: test.status?.value, facts: facts), settings: settings,
                                request: request, expect: expect)
        }
    }

    private mutating func date(_ text: Located<String>) -> CalendarDate? {
        guard let date = CalendarDate(iso: text.value) else {
            diagnostics.append(ValueConversion.invalidDate(text.value, name: "today", at: text.span))
            return nil
        }
        return date
    }

    private mutating func values(_ nodes: [NamedNode], declarations: [ValueDeclaration], kind: String,
                                 code: DiagnosticCode) -> [String: Value] {
        var result: [String: Value] = [:]
        for node in nodes {
            let name = node.name.value
            guard let declaration = declarations.first(where: { $0.name.value == name }) else {
                diagnostics.append(.error(code, "unknown \(kind) `\(name)`", at: node.name.span,
                                          help: Suggestions.didYouMean(name, in: declarations.map(\.name.value))))
                continue
            }
            switch ValueConversion.value(of: node.value, as: declaration.type.value, name: name) {
            case .success(let value):
                if let problem = declaration.violation(of: value) {
                    diagnostics.append(.error(.invalidValue, problem, at: node.value.span))
                } else {
                    result[name] = value
                }
            case .failure(let problem):
                diagnostics.append(problem)
            }
        }
        return result
    }

    private mutating func checkStatus(_ status: Located<String>) {
        if policy.status(status.value) == nil {
            diagnostics.append(.error(.unknownStatus, "unknown status `\(status.value)`", at: status.span,
                                      help: Suggestions.didYouMean(status.value, in: policy.statuses.map(\.id))))
        }
    }

    private mutating func checkTransition(_ id: Located<String>) {
        if policy.transition(id.value) == nil {
            diagnostics.append(.error(.unknownTransition, "unknown transition `\(id.value)`", at: id.span,
                                      help: Suggestions.didYouMean(id.value, in: policy.transitions.map(\.id))))
        }
    }

    private mutating func bindRequest(_ request: TestRequest) -> Request {
        switch request {
        case .evaluate:
            return .evaluate
        case .event(let event):
            if !policy.events.contains(where: { $0.name.value == event.value }) {
                diagnostics.append(.error(.unknownEvent, "unknown event `\(event.value)`", at: event.span,
                                          help: Suggestions.didYouMean(event.value, in: policy.events.map(\.name.value))))
            }
            return .event(event.value)
        case .manual(let status, let role, let transition):
            checkStatus(status)
            if let role, policy.role(role.value) == nil {
                diagnostics.append(.error(.unknownRole, "unknown role `\(role.value)`", at: role.span,
                                          help: Suggestions.didYouMeanOrList(role.value, in: policy.roles.map(\.name), kind: "roles")))
            }
            if let transition { checkTransition(transition) }
            return .manual(status: status.value, role: role?.value ?? "", transition: transition?.value)
        }
    }

    private mutating func bindExpectation(_ expect: TestExpectation) -> PreparedExpectation {
        var prepared = PreparedExpectation()
        prepared.outcome = expect.outcome.flatMap { Outcome(rawValue: $0.value) }
        if let status = expect.status {
            if let id = status.value { checkStatus(Located(id, at: status.span)) }
            prepared.status = .some(status.value)
        }
        if let steps = expect.steps {
            steps.forEach { checkTransition($0) }
            prepared.steps = steps.map(\.value)
        }
        if let effects = expect.effects {
            for effect in effects where !policy.effects.contains(where: { $0.name.value == effect.value }) {
                diagnostics.append(.error(.unknownEffect, "unknown effect `\(effect.value)`", at: effect.span,
                                          help: Suggestions.didYouMean(effect.value, in: policy.effects.map(\.name.value))))
            }
            prepared.effects = effects.map(\.value)
        }
        if let assignments = expect.assignments {
            let typed = values(assignments, declarations: policy.facts, kind: "fact", code: .unknownFact)
            prepared.assignments = assignments.compactMap { node in
                typed[node.name.value].map { Assignment(fact: node.name.value, value: $0) }
            }
        }
        if let next = expect.next {
            if let value = next.value {
                var expected = NextExpectation()
                if let transition = value.transition { checkTransition(transition); expected.transition = transition.value }
                if let to = value.to { checkStatus(to); expected.to = to.value }
                if let text = value.date { expected.date = date(text) }
                prepared.next = .some(expected)
            } else {
                prepared.next = .some(nil)
            }
        }
        return prepared
    }
}
