import StatuteCore

/// One difference between two policies, as data (`statute diff`, docs/impact.md).
package struct PolicyChange: Hashable, Sendable {
    /// Whether something was added, removed or changed.
    package enum Kind: String, Hashable, Sendable {
        case added, removed, changed
    }

    /// What kind of declaration changed.
    package enum Subject: String, Hashable, Sendable, CaseIterable {
        case policy, status, setting, fact, derived, event, effect, role, transition
    }

    /// Added, removed or changed.
    package let kind: Kind
    /// The kind of declaration.
    package let subject: Subject
    /// The declaration's id or name.
    package let name: String
    /// For `changed`: the part that changed (`label`, `guard`, `default`, `set completed_on`…).
    package let field: String?
    /// The old value in its printed form (expressions printed canonically); `nil` when absent.
    package let old: String?
    /// The new value in its printed form; `nil` when absent.
    package let new: String?

    /// Creates a change.
    package init(_ kind: Kind, _ subject: Subject, _ name: String, field: String? = nil, old: String? = nil, new: String? = nil) {
        self.kind = kind
        self.subject = subject
        self.name = name
        self.field = field
        self.old = old
        self.new = new
    }
}

/// The structural differences between two compiled policies, in declaration order:
/// policy, statuses, settings, facts, derived values, events, effects, roles, transitions.
/// Expressions are compared by their canonical printed form, so spacing, quoting and
/// redundant parentheses do not count as changes.
package struct PolicyDiff: Hashable, Sendable {
    /// Every change found.
    package let changes: [PolicyChange]

    /// Whether the two policies are the same in every compared respect.
    package var isEmpty: Bool { changes.isEmpty }

    /// Compares `old` with `new`.
    package static func compare(_ old: CompiledPolicy, _ new: CompiledPolicy) -> PolicyDiff {
        var builder = PolicyDiffBuilder()
        builder.field(.policy, old.name, "name", old.name, new.name)
        builder.field(.policy, old.name, "title", old.title, new.title)
        builder.field(.policy, old.name, "description", old.description, new.description)
        builder.statuses(old, new)
        builder.declarations(.setting, old.settings, new.settings)
        builder.declarations(.fact, old.facts, new.facts)
        builder.derived(old, new)
        builder.named(.event, old.events, new.events)
        builder.named(.effect, old.effects, new.effects)
        builder.roles(old, new)
        builder.transitions(old, new)
        return PolicyDiff(changes: builder.changes)
    }
}

/// Collects changes; one method per kind of declaration.
struct PolicyDiffBuilder {
    var changes: [PolicyChange] = []

    mutating func field(_ subject: PolicyChange.Subject, _ name: String, _ field: String, _ old: String?, _ new: String?) {
        if old != new { changes.append(PolicyChange(.changed, subject, name, field: field, old: old, new: new)) }
    }

    /// Matches items by key; reports removed ones, then added ones, then compares the common ones in new order.
    mutating func match<T>(_ subject: PolicyChange.Subject, _ old: [T], _ new: [T], key: (T) -> String,
                           summary: (T) -> String?, newSummary: ((T) -> String?)? = nil,
                           compare: (inout PolicyDiffBuilder, T, T) -> Void) {
        let newKeys = Set(new.map(key)), oldKeys = Set(old.map(key))
        for item in old where !newKeys.contains(key(item)) {
            changes.append(PolicyChange(.removed, subject, key(item), old: summary(item)))
        }
        for item in new where !oldKeys.contains(key(item)) {
            changes.append(PolicyChange(.added, subject, key(item), new: newSummary.map { $0(item) } ?? summary(item)))
        }
        var byKey: [String: T] = [:]
        for item in old where byKey[key(item)] == nil { byKey[key(item)] = item }
        for item in new {
            if let before = byKey[key(item)] { compare(&self, before, item) }
        }
    }

    mutating func statuses(_ old: CompiledPolicy, _ new: CompiledPolicy) {
        match(.status, old.statuses, new.statuses, key: \.id, summary: { "\($0.label)\($0.isFinal ? ", final" : "")" }) { b, o, n in
            b.field(.status, n.id, "label", o.label, n.label)
            b.field(.status, n.id, "final", String(o.isFinal), String(n.isFinal))
            b.field(.status, n.id, "description", o.description, n.description)
        }
        let common = Set(old.statuses.map(\.id)).intersection(new.statuses.map(\.id))
        let oldOrder = old.statuses.map(\.id).filter(common.contains), newOrder = new.statuses.map(\.id).filter(common.contains)
        if oldOrder != newOrder {
            field(.policy, new.name, "status order", oldOrder.joined(separator: ", "), newOrder.joined(separator: ", "))
        }
    }

    static func describe(_ d: ValueDeclaration) -> String {
        var text = d.type.value.description
        if let value = d.defaultValue?.value { text += ", default \(value)" }
        if let min = d.min?.value { text += ", min \(min)" }
        if let max = d.max?.value { text += ", max \(max)" }
        if let values = d.allowedValues { text += ", values " + values.map { "'\($0.value)'" }.joined(separator: ", ") }
        return text
    }

    mutating func declarations(_ subject: PolicyChange.Subject, _ old: [ValueDeclaration], _ new: [ValueDeclaration]) {
        match(subject, old, new, key: \.name.value, summary: PolicyDiffBuilder.describe) { b, o, n in
            let name = n.name.value
            b.field(subject, name, "type", o.type.value.description, n.type.value.description)
            b.field(subject, name, "default", o.defaultValue.map { "\($0.value)" }, n.defaultValue.map { "\($0.value)" })
            b.field(subject, name, "min", o.min.map { "\($0.value)" }, n.min.map { "\($0.value)" })
            b.field(subject, name, "max", o.max.map { "\($0.value)" }, n.max.map { "\($0.value)" })
            b.field(subject, name, "values", o.allowedValues.map { $0.map { "'\($0.value)'" }.joined(separator: ", ") },
                    n.allowedValues.map { $0.map { "'\($0.value)'" }.joined(separator: ", ") })
            b.field(subject, name, "label", o.label, n.label)
            b.field(subject, name, "description", o.description, n.description)
        }
    }

    mutating func derived(_ old: CompiledPolicy, _ new: CompiledPolicy) {
        match(.derived, old.environment.derived, new.environment.derived, key: \.name,
              summary: { $0.expression.unpackedSyntax().description }) { b, o, n in
            b.field(.derived, n.name, "expression", o.expression.unpackedSyntax().description, n.expression.unpackedSyntax().description)
        }
    }

    mutating func named(_ subject: PolicyChange.Subject, _ old: [NamedDeclaration], _ new: [NamedDeclaration]) {
        match(subject, old, new, key: \.name.value, summary: { $0.description }) { b, o, n in
            b.field(subject, n.name.value, "description", o.description, n.description)
        }
    }

    mutating func roles(_ old: CompiledPolicy, _ new: CompiledPolicy) {
        func includes(_ role: Role) -> String? { role.includes.isEmpty ? nil : role.includes.sorted().joined(separator: ", ") }
        match(.role, old.roles, new.roles, key: \.name, summary: { r in includes(r).map { "includes \($0)" } }) { b, o, n in
            b.field(.role, n.name, "includes", includes(o), includes(n))
            b.field(.role, n.name, "description", o.description, n.description)
        }
    }
}
