/// The names an expression may read, resolved once when an environment is built.
struct NameScope: Sendable {
    struct Slot: Sendable {
        let kind: NameKind
        let slot: Int
        let type: ValueType
    }

    /// A name as a dictionary key. A name of at most 16 bytes (most of them) is hashed as
    /// two words and its length rather than byte by byte, as `String` hashes: the checker
    /// looks up every name every expression reads, and that hashing was a measurable share
    /// of checking. Longer names hash all their bytes, so no two names collide by design.
    struct Key: Hashable, Sendable {
        let name: String

        init(_ name: String) { self.name = name }

        static func == (a: Key, b: Key) -> Bool { a.name == b.name }

        func hash(into hasher: inout Hasher) {
            var name = name  // `withUTF8` needs a variable; no copy for native strings
            name.withUTF8 { bytes in
                hasher.combine(bytes.count)
                guard bytes.count <= 16 else {
                    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                    return
                }
                // The first eight bytes and the last eight (overlapping when shorter).
                var head: UInt64 = 0
                var tail: UInt64 = 0
                for i in 0..<min(8, bytes.count) { head = head << 8 | UInt64(bytes[i]) }
                for i in max(0, bytes.count - 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[i]) }
                hasher.combine(head)
                hasher.combine(tail)
            }
        }
    }

    private(set) var slots: [Key: Slot] = [:]
    /// Derived names that failed to compile: reading them is silently poisoned, so one
    /// broken definition does not cascade into errors everywhere it is used.
    private(set) var broken: Set<String> = []
    /// Every valid name in declaration order, for "did you mean".
    private(set) var allNames: [String] = ["today"]

    init(facts: [NameDeclaration], settings: [NameDeclaration]) {
        slots[Key("today")] = Slot(kind: .today, slot: 0, type: .date)
        for (i, fact) in facts.enumerated() where slots[Key(fact.name)] == nil {
            slots[Key(fact.name)] = Slot(kind: .fact, slot: i, type: fact.type)
            allNames.append(fact.name)
        }
        for (i, setting) in settings.enumerated() {
            let name = "settings." + setting.name
            guard slots[Key(name)] == nil else { continue }
            slots[Key(name)] = Slot(kind: .setting, slot: i, type: setting.type)
            allNames.append(name)
        }
    }

    /// Whether `name` is already taken by a fact, setting or `today`.
    func isDeclared(_ name: String) -> Bool { slots[Key(name)] != nil }

    mutating func addDerived(_ name: String, index: Int, type: ValueType) {
        slots[Key(name)] = Slot(kind: .derived, slot: index, type: type)
        allNames.append(name)
    }

    mutating func markBroken(_ name: String) {
        broken.insert(name)
        allNames.append(name)
    }

    func lookup(_ name: String) -> Slot? { slots[Key(name)] }
}
