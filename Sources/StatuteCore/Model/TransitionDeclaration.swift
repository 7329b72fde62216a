/// Whether the engine takes a transition by itself or only on a person's request.
public enum TransitionMode: String, Hashable, Sendable, CaseIterable {
    /// `automatic`: the engine takes the transition by itself when its trigger and guard hold; `manual`:
    /// only when a person with a permitted role requests it.
    case automatic, manual
}

/// One item of a transition's `from`.
package enum FromItem: Hashable, Sendable {
    /// `start`: the record has no status yet.
    case start
    /// `"*"`: any status not marked `final`.
    case anyStatus
    /// A named status.
    case status(String)
}

/// A `set:` entry: a fact assigned when the transition is taken.
package struct FactAssignment: Hashable, Sendable {
    /// The fact assigned (a declared fact path).
    package var fact: Located<String>
    /// The expression giving the new value, with its position in the file.
    package var value: EmbeddedText

    /// Creates a `set:` entry.
    package init(fact: Located<String>, value: EmbeddedText) {
        self.fact = fact
        self.value = value
    }
}

/// A transition as written in the policy file, before checking.
package struct TransitionDeclaration: Hashable, Sendable {
    /// `id:` — the transition id (`[a-z][a-z0-9_-]*`), unique in the policy.
    package var id: Located<String>
    /// `from:` — the statuses it applies from, as written (`start`, `"*"`, ids).
    package var from: [Located<FromItem>]
    /// `to:` — the target status id, or `nil` when missing.
    package var to: Located<String>?
    /// `mode:` — `automatic` or `manual`, or `nil` when missing.
    package var mode: Located<TransitionMode>?
    /// `on:` — an event (automatic only).
    package var event: Located<String>?
    /// `when:` — a bool expression (automatic only).
    package var when: EmbeddedText?
    /// `at:` — a date expression (automatic only).
    package var at: EmbeddedText?
    /// `guard:` — a bool expression that must hold too.
    package var guardExpression: EmbeddedText?
    /// `by:` — the roles allowed to request a manual transition.
    package var roles: [Located<String>]?
    /// `set:` — facts assigned when the transition is taken, in file order.
    package var assignments: [FactAssignment]
    /// `effects:` — effects the host is asked to perform when the transition is taken.
    package var effects: [Located<String>]
    /// `description:`, or `nil`.
    package var description: String?
    /// Analysis warnings the author has acknowledged for this transition (`acknowledge:`).
    package var acknowledged: [Acknowledgement]
    /// The whole transition entry.
    package var span: SourceSpan

    /// A transition declaration with nothing but its id and span yet, for a reader to fill
    /// in field by field (cheaper, from another module, than the initializer with defaults).
    package static func unfilled(id: Located<String>, span: SourceSpan) -> TransitionDeclaration {
        TransitionDeclaration(id: id, span: span)
    }

    /// Creates a transition declaration; everything but `id` and `span` may be missing, for the checker to report.
    package init(id: Located<String>, from: [Located<FromItem>] = [], to: Located<String>? = nil,
                mode: Located<TransitionMode>? = nil, event: Located<String>? = nil,
                when: EmbeddedText? = nil, at: EmbeddedText? = nil, guardExpression: EmbeddedText? = nil,
                roles: [Located<String>]? = nil, assignments: [FactAssignment] = [],
                effects: [Located<String>] = [], description: String? = nil,
                acknowledged: [Acknowledgement] = [], span: SourceSpan) {
        self.id = id
        self.from = from
        self.to = to
        self.mode = mode
        self.event = event
        self.when = when
        self.at = at
        self.guardExpression = guardExpression
        self.roles = roles
        self.assignments = assignments
        self.effects = effects
        self.description = description
        self.acknowledged = acknowledged
        self.span = span
    }
}
