/// A record to evaluate: its current status (none for a new record) and its facts.
public struct Record: Hashable, Sendable {
    /// The current status id, or `nil` for a record with no status yet.
    public var status: String?
    /// Facts by name (dotted paths). Facts not given take their declared default, or
    /// `null` when optional; a required fact that is missing is an input error.
    public var facts: [String: Value]

    /// Creates a record; with no arguments, a new record with no facts given.
    public init(status: String? = nil, facts: [String: Value] = [:]) {
        self.status = status
        self.facts = facts
    }
}

/// What the caller asks the engine to do with a record (docs/policy-language.md).
public enum Request: Hashable, Sendable {
    /// The host reports an event.
    case event(String)
    /// A person with `role` asks to set the record's status to `status`, optionally
    /// naming the manual transition to use.
    case manual(status: String, role: String, transition: String? = nil)
    /// Nothing is requested: time and facts may have changed.
    case evaluate
}
