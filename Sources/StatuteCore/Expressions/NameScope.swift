/// The names an expression may read, resolved once when an environment is built.
struct NameScope: Sendable {
    struct Slot: Sendable {
        let kind: NameKind
        let slot: Int
        let type: ValueType
    }

    private(set) var slots: [String: Slot] = [:]
    /// Derived names that failed to compile: reading them is silently poisoned, so one
    /// broken definition does not cascade into errors everywhere it is used.
    private(set) var broken: Set<String> = []
    /// Every valid name in declaration order, for "did you mean".
    private(set) var allNames: [String] = ["today"]

    init(facts: [NameDeclaration], settings: [NameDeclaration]) {
        slots["today"] = Slot(kind: .today, slot: 0, type: .date)
        for (i, fact) in facts.enumerated() where slots[fact.name] == nil {
            slots[fact.name] = Slot(kind: .fact, slot: i, type: fact.type)
            allNames.append(fact.name)
        }
        for (i, setting) in settings.enumerated() {
            let name = "settings." + setting.name
            guard slots[name] == nil else { continue }
            slots[name] = Slot(kind: .setting, slot: i, type: setting.type)
            allNames.append(name)
        }
    }

    /// Whether `name` is already taken by a fact, setting or `today`.
    func isDeclared(_ name: String) -> Bool { slots[name] != nil }

    mutating func addDerived(_ name: String, index: Int, type: ValueType) {
        slots[name] = Slot(kind: .derived, slot: index, type: type)
        allNames.append(name)
    }

    mutating func markBroken(_ name: String) {
        broken.insert(name)
        allNames.append(name)
    }

    func lookup(_ name: String) -> Slot? { slots[name] }
}
