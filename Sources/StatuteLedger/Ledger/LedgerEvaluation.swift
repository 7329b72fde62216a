import Statute

/// How the ledger evaluates a record: read and checked as a `statute run` line is, and
/// decided by the policy's ``DecisionMaker`` — the one decision core `eval`, `run`, the
/// service and the C ABI use — with each step detailed, so the ledger applies exactly what
/// `eval` answers and records every step as its own history entry.
struct LedgerEvaluation {
    /// The request as read: the record (status and checked facts) and what is asked.
    let input: DecisionInput
    /// The decision, with each step's due date, effects and `set` values.
    let decision: Decision

    /// The engine's answer.
    var result: EvaluationResult { decision.result }

    /// Reads `members` — a run line's keys: `status`, `facts`, and `event` or `set` + `as`
    /// (+ `transition`) — against the policy and evaluates the record at `today`.
    static func evaluate(_ members: [(String, JSONValue)], policy: LedgerPolicy,
                         today: CalendarDate) -> Result<LedgerEvaluation, DecisionError> {
        let maker = policy.maker
        return DecisionInput.read(.object(members), shape: .runLine, policy: maker.policy).flatMap { input in
            Result { () throws(DecisionError) in
                LedgerEvaluation(input: input, decision: try maker.evaluate(input, today: today, detailingSteps: true))
            }
        }
    }

    /// The members of the result as `eval --format json` gives it (no explanation).
    var resultMembers: [(String, JSONValue)] {
        ResultJSON.members(result).filter { $0.0 != "explain" }
    }
}
