import StatuteCore

/// Compares a test's expectations with the engine's result, field by field.
enum TestComparison {
    static func failures(expected: PreparedExpectation, actual: EvaluationResult) -> [TestFailure] {
        var failures: [TestFailure] = []
        func check(_ field: String, _ expected: String, _ actual: String) {
            if expected != actual { failures.append(TestFailure(field: field, expected: expected, actual: actual)) }
        }
        if let outcome = expected.outcome { check("outcome", outcome.rawValue, actual.outcome.rawValue) }
        if let status = expected.status { check("status", status ?? "null", actual.status ?? "null") }
        if let steps = expected.steps { check("steps", list(steps), list(actual.steps.map(\.transition))) }
        if let effects = expected.effects { check("effects", list(effects), list(actual.effects)) }
        if let assignments = expected.assignments {
            check("set", facts(assignments), facts(actual.assignments))
        }
        if let next = expected.next {
            let shown = describe(expected: next, against: actual.next)
            check("next", shown.expected, shown.actual)
        }
        return failures
    }

    static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    /// `{fact: value, …}` sorted by fact, so order of assignment does not matter.
    static func facts(_ assignments: [Assignment]) -> String {
        let items = assignments.sorted { $0.fact < $1.fact }.map { "\($0.fact): \(plain($0.value))" }
        return "{" + items.joined(separator: ", ") + "}"
    }

    static func plain(_ value: Value) -> String {
        if case .string(let s) = value { return s }
        return value.description
    }

    static func describe(_ next: ScheduledChange?) -> String {
        guard let next else { return "null" }
        return "{transition: \(next.transition), to: \(next.to), date: \(next.date)}"
    }

    /// The expected `next` and the actual one, each showing only the keys the test wrote
    /// (in the order `transition`, `to`, `date`), so a failure never shows a key the user
    /// did not write. `null` on either side stays `null`.
    static func describe(expected: NextExpectation?, against actual: ScheduledChange?) -> (expected: String, actual: String) {
        guard let expected else { return ("null", describe(actual)) }
        var wanted: [String] = [], got: [String] = []
        if let transition = expected.transition {
            wanted.append("transition: \(transition)"); got.append("transition: \(actual?.transition ?? "?")")
        }
        if let to = expected.to { wanted.append("to: \(to)"); got.append("to: \(actual?.to ?? "?")") }
        if let date = expected.date {
            wanted.append("date: \(date)"); got.append("date: \(actual.map { $0.date.description } ?? "?")")
        }
        let shownActual = actual == nil ? "null" : "{" + got.joined(separator: ", ") + "}"
        return ("{" + wanted.joined(separator: ", ") + "}", shownActual)
    }
}
