/// A status of a compiled policy.
public struct Status: Hashable, Sendable {
    /// The status id, as written in the policy (`in_progress`).
    public let id: String
    /// Position in the policy's display order; also the status's index in ``CompiledPolicy/statuses``.
    public let index: Int
    /// The display name: the declared `label`, or one made from the id (`not_completed` → `Not Completed`).
    public let label: String
    /// The declared `description`, or `nil`.
    public let description: String?
    /// Whether the status is `final`: no transition leaves it and `from: "*"` does not match it.
    public let isFinal: Bool
    /// Where the status id is written in the policy.
    public let span: SourceSpan
}

/// A role of a compiled policy, with everything it may act as.
public struct Role: Hashable, Sendable {
    /// The role name, as declared under `roles:`.
    public let name: String
    /// The declared `description`, or `nil`.
    public let description: String?
    /// The roles listed in `includes`.
    public let includes: [String]
    /// This role and every role it includes, directly or not.
    public let actsAs: Set<String>
}

/// What makes a transition fire.
package enum Trigger: Sendable {
    /// `on: EVENT` — when the host reports the event.
    case event(String)
    /// `when: EXPR` — whenever the condition holds while the record is evaluated.
    case when(CompiledExpression)
    /// `at: EXPR` — once `today` is on or after the date.
    case at(CompiledExpression)
    /// A manual transition, requested by a person holding one of `roles`.
    case manual(roles: [String])

    /// `event`, `when`, `at` or `manual`, as results report it.
    package var kind: TriggerKind {
        switch self {
        case .event: .event
        case .when: .when
        case .at: .at
        case .manual: .manual
        }
    }
}

/// The kind of trigger that took a step.
public enum TriggerKind: String, Hashable, Sendable, CaseIterable {
    /// `on` (an event), `when` (a condition), `at` (a date) or `manual` (a person's request).
    case event, when, at, manual
}

/// A compiled `set:` entry.
package struct CompiledAssignment: Sendable {
    /// The fact's name.
    package let fact: String
    /// The fact's slot in the record's fact vector.
    package let slot: Int
    /// The expression computing the new value; all of a transition's values are computed before any is assigned.
    package let value: CompiledExpression
}

/// A checked, compiled transition.
///
/// A class (immutable and `Sendable`), so that the engine handles a transition by
/// reference instead of copying its many fields for every candidate it looks at.
package final class Transition: Sendable {
    /// The transition id, as written in the policy (`expire`).
    package let id: String
    /// Priority: the position in the policy's `transitions` list.
    package let index: Int
    /// Whether the transition applies to a record with no status yet (`start`).
    package let fromStart: Bool
    /// The statuses (indices) it applies from, `"*"` already expanded.
    package let fromStatuses: Set<Int>
    /// `from` as written, for docs: `start`, `*` and status ids.
    package let fromWritten: [FromItem]
    /// The target status index.
    package let to: Int
    /// Whether the engine takes it by itself (`automatic`) or only on a request (`manual`).
    package let mode: TransitionMode
    /// What makes it fire: an event, a condition, a date, or a manual request by permitted roles.
    package let trigger: Trigger
    /// `trigger.kind`, stored: the engine reads it for every step without copying the trigger.
    let triggerKind: TriggerKind
    /// The `when` condition or `at` date of ``trigger`` (`nil` for events and manual
    /// transitions), stored: the settle reads it without copying the trigger.
    let triggerExpression: CompiledExpression?
    /// The `guard:` that must also hold for the transition to be taken, or `nil` when there is none.
    package let guardExpression: CompiledExpression?
    /// The `set:` entries, in the order written.
    package let assignments: [CompiledAssignment]
    /// The effect names the host is asked to perform when the transition is taken, in the order written.
    package let effects: [String]
    /// The declared `description`, or `nil`.
    package let description: String?
    /// The whole transition entry in the policy file.
    package let span: SourceSpan

    init(id: String, index: Int, fromStart: Bool, fromStatuses: Set<Int>, fromWritten: [FromItem], to: Int,
         mode: TransitionMode, trigger: Trigger, guardExpression: CompiledExpression?,
         assignments: [CompiledAssignment], effects: [String], description: String?, span: SourceSpan) {
        self.id = id
        self.index = index
        self.fromStart = fromStart
        self.fromStatuses = fromStatuses
        self.fromWritten = fromWritten
        self.to = to
        self.mode = mode
        self.trigger = trigger
        self.triggerKind = trigger.kind
        switch trigger {
        case .when(let expression), .at(let expression): self.triggerExpression = expression
        case .event, .manual: self.triggerExpression = nil
        }
        self.guardExpression = guardExpression
        self.assignments = assignments
        self.effects = effects
        self.description = description
        self.span = span
    }

    /// Whether the transition applies from `state` (a status index, or `nil` for a new record).
    package func applies(from state: Int?) -> Bool {
        if let state { fromStatuses.contains(state) } else { fromStart }
    }

    /// The roles allowed to request a manual transition (empty for automatic ones).
    package var roles: [String] {
        if case .manual(let roles) = trigger { roles } else { [] }
    }
}

/// A checked and compiled policy: immutable, `Sendable`, ready to evaluate records from
/// many threads at once. Built by ``PolicyCompiler``.
public struct CompiledPolicy: Sendable {
    /// The declarations as written (for docs, analysis and diagrams).
    package let document: PolicyDocument
    /// The policy's `name:`, or an empty string when the document has none.
    public let name: String
    /// The policy's `title:`, or `nil`.
    public let title: String?
    /// The policy's `description:`, or `nil`.
    public let description: String?
    /// In display order.
    public let statuses: [Status]
    /// The declared roles, each with the roles it acts as.
    public let roles: [Role]
    /// The setting declarations; their order gives the slots of ``Engine/settingValues``.
    package let settings: [ValueDeclaration]
    /// The fact declarations; their order gives the slots of a record's fact vector.
    package let facts: [ValueDeclaration]
    /// The events the host may report.
    package let events: [NamedDeclaration]
    /// The effects the engine may ask the host to perform.
    package let effects: [NamedDeclaration]
    /// In priority order.
    package let transitions: [Transition]
    /// Names and compiled derived values for expressions.
    package let environment: ExpressionEnvironment

    let statusIndexByID: [String: Int]
    let factSlotByName: [String: Int]
    let settingSlotByName: [String: Int]
    /// The checks of ``facts`` and ``settings``, by slot.
    package let factChecks: [ValueCheck]
    package let settingChecks: [ValueCheck]
    let roleByName: [String: Role]
    let roleIndexByName: [String: Int]
    /// For each transition (by index): the indices in ``roles`` of the roles that may
    /// request it (those acting as one of its `by` roles), ascending; empty when automatic.
    let admittedRoles: [[Int]]
    /// Transition indices by state (status index; `statuses.count` for a new record) and kind.
    let eventTransitions: [[String: [Int]]]
    let settleTransitions: [[Int]]
    let manualTransitions: [[Int]]

    init(document: PolicyDocument, statuses: [Status], roles: [Role], transitions: [Transition],
         environment: ExpressionEnvironment) {
        self.document = document
        self.name = document.name?.value ?? ""
        self.title = document.title
        self.description = document.description
        self.statuses = statuses
        self.roles = roles
        self.settings = document.settings
        self.facts = document.facts
        self.events = document.events
        self.effects = document.effects
        self.transitions = transitions
        self.environment = environment
        var statusIndex: [String: Int] = [:]
        for status in statuses { statusIndex[status.id] = status.index }
        self.statusIndexByID = statusIndex
        self.factSlotByName = Dictionary(document.facts.enumerated().map { ($1.name.value, $0) }, uniquingKeysWith: { a, _ in a })
        self.settingSlotByName = Dictionary(document.settings.enumerated().map { ($1.name.value, $0) }, uniquingKeysWith: { a, _ in a })
        self.factChecks = document.facts.map(ValueCheck.init)
        self.settingChecks = document.settings.map(ValueCheck.init)
        self.roleByName = Dictionary(roles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.roleIndexByName = Dictionary(roles.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.admittedRoles = transitions.map { transition in
            guard case .manual(let names) = transition.trigger else { return [] }
            return roles.indices.filter { roles[$0].actsAs.contains(where: names.contains) }
        }
        let stateCount = statuses.count + 1
        var events = Array(repeating: [String: [Int]](), count: stateCount)
        var settle = Array(repeating: [Int](), count: stateCount)
        var manual = Array(repeating: [Int](), count: stateCount)
        for transition in transitions {
            var states = Array(transition.fromStatuses)
            if transition.fromStart { states.append(statuses.count) }
            for state in states {
                switch transition.trigger {
                case .event(let name): events[state][name, default: []].append(transition.index)
                case .when, .at: settle[state].append(transition.index)
                case .manual: manual[state].append(transition.index)
                }
            }
        }
        self.eventTransitions = events.map { $0.mapValues { $0.sorted() } }
        self.settleTransitions = settle.map { $0.sorted() }
        self.manualTransitions = manual.map { $0.sorted() }
    }

    /// The index of a status id, or `nil`.
    public func statusIndex(of id: String) -> Int? { statusIndexByID[id] }
    /// The status with an id, or `nil`.
    public func status(_ id: String) -> Status? { statusIndexByID[id].map { statuses[$0] } }
    /// The names of the declared facts (dotted paths), in declaration order: what a host
    /// may give in a ``Record``.
    public var factNames: [String] { facts.map(\.name.value) }
    /// The declared type of a fact, or `nil` when the policy declares no such fact.
    public func factType(_ name: String) -> ValueType? { factSlotByName[name].map { facts[$0].type.value } }
    /// The names of the declared settings, in declaration order.
    public var settingNames: [String] { settings.map(\.name.value) }
    /// The declared type of a setting, or `nil` when the policy declares no such setting.
    public func settingType(_ name: String) -> ValueType? { settingSlotByName[name].map { settings[$0].type.value } }
    /// The slot of a fact in a record's fact vector, or `nil`.
    package func factSlot(of name: String) -> Int? { factSlotByName[name] }
    /// The slot of a setting, or `nil`.
    package func settingSlot(of name: String) -> Int? { settingSlotByName[name] }
    /// A role by name, or `nil`.
    public func role(_ name: String) -> Role? { roleByName[name] }
    /// A transition by id, or `nil`.
    package func transition(_ id: String) -> Transition? { transitions.first { $0.id == id } }

    /// The names of the roles that may request any of `transitions` (manual transitions of
    /// this policy), in the order the roles are declared.
    func rolesAdmitted(by transitions: [Transition]) -> [String] {
        var admitted = Array(repeating: false, count: roles.count)
        for transition in transitions {
            for role in admittedRoles[transition.index] { admitted[role] = true }
        }
        return roles.indices.filter { admitted[$0] }.map { roles[$0].name }
    }

    /// The state index used by the transition tables: a status index, or `statuses.count` for a new record.
    func stateIndex(_ status: Int?) -> Int { status ?? statuses.count }
}
