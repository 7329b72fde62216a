/// How an evaluation ended (docs/policy-language.md).
public enum Outcome: String, Hashable, Sendable, CaseIterable {
    /// A manual request was refused; nothing changed.
    case rejected
    /// An event took no transition and the settle took none either.
    case ignored
    /// At least one step was taken.
    case changed
    /// No step was taken.
    case unchanged
}

/// One transition taken.
public struct Step: Hashable, Sendable {
    /// The id of the transition taken.
    public let transition: String
    /// The status before the step; `nil` for a new record.
    public let from: String?
    /// The status id the step led to.
    public let to: String
    /// Whether the transition is automatic or manual.
    public let mode: TransitionMode
    /// What fired it: `event`, `when`, `at` or `manual`.
    public let trigger: TriggerKind

    /// Creates a step.
    public init(transition: String, from: String?, to: String, mode: TransitionMode, trigger: TriggerKind) {
        self.transition = transition
        self.from = from
        self.to = to
        self.mode = mode
        self.trigger = trigger
    }
}

/// A fact assigned by a transition's `set`, for the host to persist.
public struct Assignment: Hashable, Sendable {
    /// The fact path assigned.
    public let fact: String
    /// The value computed by the `set` expression (may be `null`).
    public let value: Value

    /// Creates an assignment.
    public init(fact: String, value: Value) {
        self.fact = fact
        self.value = value
    }
}

/// The next automatic change due by date, if facts stay as they are.
public struct ScheduledChange: Hashable, Sendable {
    /// The id of the automatic `at` transition that will fire.
    public let transition: String
    /// The status id it leads to.
    public let to: String
    /// The date its `at` expression gives: the first evaluation on or after it takes the step.
    public let date: CalendarDate

    /// Creates a scheduled change.
    public init(transition: String, to: String, date: CalendarDate) {
        self.transition = transition
        self.to = to
        self.date = date
    }
}

/// Why a manual request was refused.
public enum RejectionKind: String, Hashable, Sendable {
    /// No manual transition leads to the requested status from the current one.
    case noTransition = "no-transition"
    /// Transitions exist, but the role may not request any of them.
    case roleNotPermitted = "role-not-permitted"
    /// The role may request it, but the guard does not hold.
    case guardFalse = "guard-false"
}

/// A refused manual request, with the reason in words and as data.
public struct Rejection: Hashable, Sendable {
    /// Why the request was refused, as data.
    public let kind: RejectionKind
    /// One sentence for people.
    public let message: String
    /// For `no-transition`: the statuses the requested status can be set from (`start` for a new record).
    public let allowedFrom: [String]
    /// For `role-not-permitted`: the roles that may request it.
    public let allowedRoles: [String]
    /// For `guard-false`: the transition whose guard failed, its guard, and the values it read.
    public let transition: String?
    /// For `guard-false`: the guard's source text, as written in the policy.
    public let guardSource: String?
    /// For `guard-false`: the names the guard read, with their values.
    public let values: [NamedValue]
}

/// The result of evaluating a record (docs/policy-language.md).
///
/// The engine returns results in a compact form (indices into its policy) and each
/// property is rendered from it when read; a result created with
/// ``init(status:previous:outcome:steps:effects:assignments:next:reason:rejection:explanation:)``
/// keeps plain fields instead. Either way the properties, equality and hashing are the
/// same. A result is a value to read: its properties have no setters.
public struct EvaluationResult: Hashable, Sendable {
    /// What the result holds.
    let form: Form

    /// The final status; `nil` only when a new record stays new.
    public var status: String? {
        switch form { case .compact(let c): c.statusID; case .fields(let f): f.status }
    }
    /// The record's status as given; `nil` for a new record.
    public var previous: String? {
        switch form { case .compact(let c): c.previousID; case .fields(let f): f.previous }
    }
    /// How the evaluation ended: `changed`, `unchanged`, `ignored` or `rejected`.
    public var outcome: Outcome {
        switch form { case .compact(let c): c.outcome; case .fields(let f): f.outcome }
    }
    /// The steps taken, in order.
    public var steps: [Step] {
        switch form { case .compact(let c): c.renderedSteps; case .fields(let f): f.steps }
    }
    /// The effects of all steps, in order.
    public var effects: [String] {
        switch form { case .compact(let c): c.renderedEffects; case .fields(let f): f.effects }
    }
    /// The facts assigned by `set`, in the order first assigned (a later assignment of the
    /// same fact replaces the value).
    public var assignments: [Assignment] {
        switch form { case .compact(let c): c.assignments; case .fields(let f): f.assignments }
    }
    /// The earliest automatic change due after `today`, or `nil`.
    public var next: ScheduledChange? {
        switch form { case .compact(let c): c.renderedNext; case .fields(let f): f.next }
    }
    /// Why the request was rejected or ignored, in words.
    public var reason: String? {
        switch form { case .compact(let c): c.renderedReason; case .fields(let f): f.reason }
    }
    /// Details of a rejection.
    public var rejection: Rejection? {
        switch form { case .compact(let c): c.renderedRejection; case .fields(let f): f.rejection }
    }
    /// Every transition considered and why it was or wasn't taken, when asked for.
    public var explanation: Explanation? {
        switch form { case .compact(let c): c.explanation; case .fields(let f): f.explanation }
    }

    /// Creates a result; the engine builds these, tests and hosts may too.
    public init(status: String?, previous: String?, outcome: Outcome, steps: [Step] = [], effects: [String] = [],
                assignments: [Assignment] = [], next: ScheduledChange? = nil, reason: String? = nil,
                rejection: Rejection? = nil, explanation: Explanation? = nil) {
        form = .fields(Fields(status: status, previous: previous, outcome: outcome, steps: steps, effects: effects,
                              assignments: assignments, next: next, reason: reason, rejection: rejection,
                              explanation: explanation))
    }

    /// A result in the engine's compact form.
    init(compact: CompactResult) {
        form = .compact(compact)
    }

    /// Whether two results have equal properties, whichever form each is held in.
    public static func == (a: EvaluationResult, b: EvaluationResult) -> Bool {
        a.fields == b.fields
    }

    /// Hashes the properties, as ``==`` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }
}

extension EvaluationResult {
    /// The compact form, or every property as a plain field.
    enum Form: Sendable {
        case compact(CompactResult)
        indirect case fields(Fields)
    }

    /// Every public property as a plain field.
    struct Fields: Hashable, Sendable {
        var status: String?
        var previous: String?
        var outcome: Outcome
        var steps: [Step]
        var effects: [String]
        var assignments: [Assignment]
        var next: ScheduledChange?
        var reason: String?
        var rejection: Rejection?
        var explanation: Explanation?
    }

    /// The properties as plain fields (rendered from the compact form when it is that).
    var fields: Fields {
        switch form {
        case .fields(let fields):
            return fields
        case .compact(let c):
            return Fields(status: c.statusID, previous: c.previousID, outcome: c.outcome, steps: c.renderedSteps,
                          effects: c.renderedEffects, assignments: c.assignments, next: c.renderedNext,
                          reason: c.renderedReason, rejection: c.renderedRejection, explanation: c.explanation)
        }
    }
}

/// A manual transition as a status drop-down offers it: allowed now, or why not.
public struct ManualOption: Hashable, Sendable {
    /// The id of the manual transition.
    public let transition: String
    /// The target status id.
    public let to: String
    /// The target status's display label, for the drop-down.
    public let label: String
    /// Whether the role may request it now (role permitted and guard holds).
    public let allowed: Bool
    /// Why it is not allowed (`nil` when allowed).
    public let reason: String?
    /// `role-not-permitted` or `guard-false` (also when the guard is unknown); `nil` when allowed.
    public let rejection: RejectionKind?
    /// When the guard failed: the names it read, with their values; otherwise empty.
    public let values: [NamedValue]
}
