import Statute

/// The names a policy declares, for completion: read from its declarations even when it
/// has errors.
struct PolicyNames {
    var statuses: [StatusDeclaration] = []
    var facts: [ValueDeclaration] = []
    var settings: [ValueDeclaration] = []
    var derived: [DerivedDeclaration] = []
    var events: [NamedDeclaration] = []
    var effects: [NamedDeclaration] = []
    var roles: [RoleDeclaration] = []
    var transitions: [TransitionDeclaration] = []

    init(_ document: PolicyDocument?) {
        guard let document else { return }
        statuses = document.statuses
        facts = document.facts
        settings = document.settings
        derived = document.derived
        events = document.events
        effects = document.effects
        roles = document.roles
        transitions = document.transitions
    }
}
