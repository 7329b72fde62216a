/// Why a transition was or wasn't taken.
public enum Verdict: String, Hashable, Sendable, CaseIterable {
    /// The transition was taken.
    case taken
    /// The transition does not apply from the record's status at that point.
    case wrongStatus = "wrong-status"
    /// The event was not reported, the `when` condition is false, or the `at` date has not come.
    case triggerNotMet = "trigger-not-met"
    /// The guard is false.
    case guardFalse = "guard-false"
    /// The guard (or trigger) came out null because a name it reads is null.
    case guardUnknown = "guard-unknown"
    /// The requesting role may not request this manual transition.
    case roleNotPermitted = "role-not-permitted"
    /// An earlier transition in file order was taken first; the engine still looked at
    /// this one to say whether it would have applied (so file order decided).
    case shadowed
}

/// What part of an evaluation considered a transition.
public enum Phase: String, Hashable, Sendable {
    /// `event`: handling a reported event; `manual`: handling a manual request; `settle`: taking automatic
    /// `when`/`at` transitions until none applies.
    case event, manual, settle
}

/// One transition considered by the engine, and the verdict.
public struct Consideration: Hashable, Sendable {
    /// The id of the transition considered.
    public let transition: String
    /// Whether it was considered for an event, a manual request or while settling.
    public let phase: Phase
    /// The record's status when it was considered (`nil`: a new record).
    public let status: String?
    /// Taken, or why not.
    public let verdict: Verdict
    /// For `at` transitions: the date the trigger computed (whether or not it has come).
    public let date: CalendarDate?
    /// The values of the names its trigger and guard read.
    public let values: [NamedValue]
    /// Names whose null made the trigger or guard unknown.
    public let nullNames: [String]
    /// Whether the guard held, where it was evaluated (`nil`: no guard, or not evaluated).
    public let guardHeld: Bool?
    /// The verdict in plain words for staff.
    public let message: String

    /// Creates a consideration.
    public init(transition: String, phase: Phase, status: String?, verdict: Verdict, date: CalendarDate? = nil,
                values: [NamedValue] = [], nullNames: [String] = [], guardHeld: Bool? = nil, message: String) {
        self.transition = transition
        self.phase = phase
        self.status = status
        self.verdict = verdict
        self.date = date
        self.values = values
        self.nullNames = nullNames
        self.guardHeld = guardHeld
        self.message = message
    }
}

/// Every transition an evaluation considered, in the order considered.
public struct Explanation: Hashable, Sendable {
    /// The considerations, in the order the engine made them.
    public var considerations: [Consideration]

    /// Creates an explanation.
    public init(considerations: [Consideration] = []) {
        self.considerations = considerations
    }
}
