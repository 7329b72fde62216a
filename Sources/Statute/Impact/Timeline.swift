import StatuteCore

/// One automatic (or first-day requested) change of a record on a date: a timeline entry
/// (docs/impact.md), `{"date", "transition", "from", "to", "effects", "set"}`.
package struct TimelineEntry: Hashable, Sendable {
    /// The day the step is taken.
    package let date: CalendarDate
    /// The id of the transition taken.
    package let transition: String
    /// The status before the step; `nil` for a new record.
    package let from: String?
    /// The status the step leads to.
    package let to: String
    /// The effects of this transition, in the order written.
    package let effects: [String]
    /// The facts this transition assigns, with the values the evaluation gave them.
    package let set: [Assignment]

    /// Creates an entry.
    package init(date: CalendarDate, transition: String, from: String?, to: String, effects: [String], set: [Assignment]) {
        self.date = date
        self.transition = transition
        self.from = from
        self.to = to
        self.effects = effects
        self.set = set
    }
}

/// A record played forward in time: the dated steps it takes from a first day until a
/// last one, if nothing but time moves it after the first day's request.
package struct Trajectory: Hashable, Sendable {
    /// The steps, in order.
    package var entries: [TimelineEntry]
    /// The record's status on the last day (`nil`: a new record that stays new).
    package var finalStatus: String?
    /// The outcome of the first day's evaluation (`rejected` when its manual request was refused).
    package var firstOutcome: Outcome
    /// The record's facts on the last day, with every `set` carried forward.
    package var finalFacts: [String: Value]
}

/// Plays records forward through time with an engine, jumping from one due date to the
/// next (the engine's `next`) instead of evaluating every day.
///
/// Only `at` transitions are due on a date the engine can name in advance; a `when`
/// condition that reads `today` is checked on the days the record is evaluated (the first
/// day and each due date), as a nightly job evaluating on those days would see it.
package enum Timeline {
    /// Evaluates `record` with `request` on `today`, then on each due date up to and
    /// including `until`, carrying the status and every `set` forward.
    ///
    /// - Throws: a ``Diagnostic`` for invalid input or an automatic cycle; its message
    ///   says on which date when it is not the first day.
    package static func play(_ record: Record, request: Request = .evaluate, engine: Engine,
                            from today: CalendarDate, until: CalendarDate) throws(Diagnostic) -> Trajectory {
        var record = record
        var entries: [TimelineEntry] = []
        var date = today
        var result = try engine.evaluate(record, request: request, today: date)
        let firstOutcome = result.outcome
        if firstOutcome == .rejected {
            // A refused request changes nothing and settles nothing; the day's plain
            // evaluation still lets time move the record on.
            result = try engine.evaluate(record, request: .evaluate, today: date)
        }
        absorb(result, on: date, into: &record, entries: &entries, policy: engine.policy)
        while let next = result.next, next.date <= until, next.date > date {
            date = next.date
            do {
                result = try engine.evaluate(record, request: .evaluate, today: date)
            } catch {
                throw Diagnostic.error(error.code, "on \(date): \(error.message)", at: nil, help: error.help)
            }
            absorb(result, on: date, into: &record, entries: &entries, policy: engine.policy)
        }
        return Trajectory(entries: entries, finalStatus: record.status, firstOutcome: firstOutcome, finalFacts: record.facts)
    }

    /// Adds a result's steps as entries and moves the record to its new status and facts.
    static func absorb(_ result: EvaluationResult, on date: CalendarDate, into record: inout Record,
                       entries: inout [TimelineEntry], policy: CompiledPolicy) {
        for step in result.steps {
            let transition = policy.transition(step.transition)
            let facts = transition?.assignments.map(\.fact) ?? []
            let set = facts.compactMap { fact in result.assignments.first { $0.fact == fact } }
            entries.append(TimelineEntry(date: date, transition: step.transition, from: step.from, to: step.to,
                                         effects: transition?.effects ?? [], set: set))
        }
        for assignment in result.assignments { record.facts[assignment.fact] = assignment.value }
        if result.outcome != .rejected { record.status = result.status }
    }
}
