import Statute

/// How the ledger evaluates a record: read and checked as a `statute run` line is, and
/// evaluated by the engine exactly as `eval` and `run` evaluate (one place, so the ledger
/// applies what `eval` answers).
struct LedgerEvaluation {
    /// The request as read: the record (status and checked facts) and what is asked.
    let input: DecisionInput
    /// The engine's answer.
    let result: EvaluationResult
    /// For each step taken by an `at` trigger, in order, the date it was due.
    let dueDates: [CalendarDate]

    /// Reads `members` — a run line's keys: `status`, `facts`, and `event` or `set` + `as`
    /// (+ `transition`) — against the policy and evaluates the record at `today`.
    static func evaluate(_ members: [(String, JSONValue)], policy: LedgerPolicy,
                         today: CalendarDate) -> Result<LedgerEvaluation, DecisionError> {
        let input: DecisionInput
        switch DecisionInput.read(.object(members), shape: .runLine, policy: policy.engine.policy) {
        case .failure(let error): return .failure(error)
        case .success(let read): input = read
        }
        do {
            var result = try policy.engine.evaluate(input.record, request: input.request, today: today)
            var dueDates: [CalendarDate] = []
            if result.steps.contains(where: { $0.trigger == .at }) {
                // The explanation names the date each `at` step was due (which may be before
                // today when sweeps were missed); asked for only when there is such a step.
                result = try policy.engine.evaluate(input.record, request: input.request, today: today, explain: true)
                dueDates = result.explanation?.considerations
                    .filter { $0.phase == .settle && $0.verdict == .taken }
                    .compactMap(\.date) ?? []
            }
            return .success(LedgerEvaluation(input: input, result: result, dueDates: dueDates))
        } catch {
            return .failure(DecisionError(id: .null, error))
        }
    }

    /// The members of the result as `eval --format json` gives it (no explanation).
    var resultMembers: [(String, JSONValue)] {
        ResultJSON.members(result).filter { $0.0 != "explain" }
    }
}
