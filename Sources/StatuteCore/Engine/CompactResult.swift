/// The transitions an evaluation took, in order, by index: the first two kept inline (most
/// evaluations take none, one or two), the rest in an array.
struct TakenSteps: Sendable {
    private(set) var count = 0
    private var first: Int32 = -1
    private var second: Int32 = -1
    private var more: [Int32] = []

    var isEmpty: Bool { count == 0 }

    mutating func append(_ transition: Int) {
        switch count {
        case 0: first = Int32(truncatingIfNeeded: transition)
        case 1: second = Int32(truncatingIfNeeded: transition)
        default: more.append(Int32(truncatingIfNeeded: transition))
        }
        count += 1
    }

    subscript(position: Int) -> Int {
        switch position {
        case 0: Int(first)
        case 1: Int(second)
        default: Int(more[position - 2])
        }
    }
}

/// Why a request was rejected or ignored, kept as what the words are made from; the
/// words are written only when a result's ``EvaluationResult/reason`` or
/// ``EvaluationResult/rejection`` is read.
enum ResultNote: Sendable {
    case none
    /// An event that took no transition: its name.
    case ignored(event: String)
    /// A manual request to `target` by a role no applicable transition admits.
    indirect case roleNotPermitted(role: String, target: Int, transitionID: String?)
    /// A reason (and rejection) already in words.
    indirect case given(reason: String, rejection: Rejection?)
}

/// An ``EvaluationResult`` as the engine makes it: indices into the engine's policy,
/// rendered to ids, steps and effects when read. Building one copies no strings and
/// makes no lists.
struct CompactResult: Sendable {
    let engine: Engine.Storage
    /// Final and given status indices; -1 for none (a new record).
    let status: Int32
    let previous: Int32
    let outcome: Outcome
    let steps: TakenSteps
    let assignments: [Assignment]
    /// The `at` transition of ``EvaluationResult/next`` (-1: none) and its date.
    let nextTransition: Int32
    let nextDate: CalendarDate?
    let note: ResultNote
    let explanation: Explanation?

    private var policy: CompiledPolicy { _read { yield engine.policy } }

    private func id(_ index: Int32) -> String? { index < 0 ? nil : policy.statuses[Int(index)].id }

    var statusID: String? { id(status) }
    var previousID: String? { id(previous) }

    var renderedSteps: [Step] {
        guard !steps.isEmpty else { return [] }
        var result: [Step] = []
        result.reserveCapacity(steps.count)
        var from = previousID
        for position in 0..<steps.count {
            let transition = policy.transitions[steps[position]]
            let to = policy.statuses[transition.to].id
            result.append(Step(transition: transition.id, from: from, to: to, mode: transition.mode,
                               trigger: transition.triggerKind))
            from = to
        }
        return result
    }

    var renderedEffects: [String] {
        switch steps.count {
        case 0: return []
        case 1: return policy.transitions[steps[0]].effects  // the transition's own list: no copy
        default:
            var effects: [String] = []
            for position in 0..<steps.count { effects += policy.transitions[steps[position]].effects }
            return effects
        }
    }

    var renderedNext: ScheduledChange? {
        guard nextTransition >= 0, let nextDate else { return nil }
        let transition = policy.transitions[Int(nextTransition)]
        return ScheduledChange(transition: transition.id, to: policy.statuses[transition.to].id, date: nextDate)
    }

    var renderedReason: String? {
        switch note {
        case .none: nil
        case .ignored(let event): ignoredReason(event)
        case .roleNotPermitted: renderedRejection?.message
        case .given(let reason, _): reason
        }
    }

    var renderedRejection: Rejection? {
        switch note {
        case .none, .ignored: return nil
        case .given(_, let rejection): return rejection
        case .roleNotPermitted(let role, let target, let transitionID):
            let state = policy.stateIndex(status < 0 ? nil : Int(status))
            let applicable = policy.manualTransitions[state].map { policy.transitions[$0] }.filter {
                $0.to == target && (transitionID == nil || $0.id == transitionID)
            }
            let roles = policy.rolesAdmitted(by: applicable)
            let label = policy.statuses[target].label
            return Rejection(kind: .roleNotPermitted,
                             message: "role `\(role)` may not set \(label) from here; permitted: \(roles.map { "`\($0)`" }.joined(separator: ", "))",
                             allowedFrom: [], allowedRoles: roles, transition: nil, guardSource: nil, values: [])
        }
    }

    /// Why an event was ignored: no transition on it applies here, or none had its guard hold.
    private func ignoredReason(_ event: String) -> String {
        let state = status < 0 ? nil : Int(status)
        let place = state.map { "from \(policy.statuses[$0].label)" } ?? "for a new record"
        let candidates = policy.transitions.filter { if case .event(event) = $0.trigger { true } else { false } }
        if candidates.contains(where: { $0.applies(from: state) }) {
            return "event `\(event)` was ignored: no transition on it \(place) had its guard hold"
        }
        return "event `\(event)` was ignored: no transition on it applies \(place)"
    }
}
