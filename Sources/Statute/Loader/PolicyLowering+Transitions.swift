import StatuteCore
import StatuteYAML

extension PolicyLowering {
    /// Lowers one item of `transitions:` and appends it to `transitions` (nothing when it is
    /// not a mapping); built in place, the large declaration is not copied on the way.
    mutating func lowerTransition(_ node: YAMLNode, position: Int, into transitions: inout [TransitionDeclaration]) {
        guard let reader = MappingReader(node, context: node["id"]?.scalarValue.map { "transition `\($0)`" } ?? "transition #\(position)",
                                         keys: Self.transitionMapping, diagnostics: &diagnostics)
        else { return }
        typealias Key = TransitionKey
        let id = reader[slot: Key.id].flatMap { NodeReading.name($0, what: "`id`", diagnostics: &diagnostics) }
            ?? Located("#\(position)", at: SourceSpan(file: file, at: node.start))
        // Made in its place in the array and filled there: the declaration is large, and is
        // not copied on the way.
        transitions.append(.unfilled(id: id, span: node.span))
        let at = transitions.count - 1
        if let n = reader[slot: Key.from] { transitions[at].from = lowerFrom(n) }
        if let n = reader[slot: Key.to] { transitions[at].to = NodeReading.name(n, what: "`to`", diagnostics: &diagnostics) }
        if let n = reader[slot: Key.mode] { transitions[at].mode = lowerMode(n) }
        if let n = reader[slot: Key.on] { transitions[at].event = NodeReading.name(n, what: "`on` (an event)", diagnostics: &diagnostics) }
        if let n = reader[slot: Key.when] { transitions[at].when = NodeReading.expression(n, what: "`when`", diagnostics: &diagnostics) }
        if let n = reader[slot: Key.at] { transitions[at].at = NodeReading.expression(n, what: "`at`", diagnostics: &diagnostics) }
        if let n = reader[slot: Key.guard] {
            transitions[at].guardExpression = NodeReading.expression(n, what: "`guard`", diagnostics: &diagnostics)
        }
        if let n = reader[slot: Key.by] { transitions[at].roles = NodeReading.nameList(n, what: "a role in `by`", diagnostics: &diagnostics) }
        if let n = reader[slot: Key.set] { transitions[at].assignments = lowerAssignments(n) }
        if let n = reader[slot: Key.effects] {
            transitions[at].effects = NodeReading.nameList(n, what: "an effect", diagnostics: &diagnostics)
        }
        if let n = reader[slot: Key.description] {
            transitions[at].description = NodeReading.text(n, what: "`description`", diagnostics: &diagnostics)?.value
        }
        if let n = reader[slot: Key.acknowledge] {
            transitions[at].acknowledged = lowerAcknowledgementsOfTransition(n)
        }
    }

    private mutating func lowerFrom(_ node: YAMLNode) -> [Located<FromItem>] {
        // One pass over the list's items (no list of nodes or of names on the way).
        var items: [Located<FromItem>] = []
        guard let list = node.items else {
            if let name = NodeReading.name(node, what: "a status in `from`", diagnostics: &diagnostics) {
                items.append(Self.fromItem(name))
            }
            return items
        }
        items.reserveCapacity(list.count)
        for item in list {
            if let name = NodeReading.name(item, what: "a status in `from`", diagnostics: &diagnostics) {
                items.append(Self.fromItem(name))
            }
        }
        return items
    }

    private static func fromItem(_ name: Located<String>) -> Located<FromItem> {
        switch name.value {
        case "start": Located(fromItem: .start, at: name.span)
        case "*": Located(fromItem: .anyStatus, at: name.span)
        default: Located(fromItem: .status(name.value), at: name.span)
        }
    }

    private mutating func lowerMode(_ node: YAMLNode) -> Located<TransitionMode>? {
        guard let text = NodeReading.name(node, what: "`mode`", diagnostics: &diagnostics) else { return nil }
        // `TransitionMode(rawValue:)`, without its search through the cases' names.
        let mode: TransitionMode? = switch text.value {
        case "automatic": .automatic
        case "manual": .manual
        default: nil
        }
        guard let mode else {
            diagnostics.append(.error(.invalidValue, "unknown mode `\(text.value)`", at: text.span,
                                      help: Suggestions.didYouMean(text.value, in: ["automatic", "manual"])
                                        ?? "`mode` is `automatic` or `manual`"))
            return nil
        }
        return Located(mode: mode, at: text.span)
    }

    private mutating func lowerAssignments(_ node: YAMLNode) -> [FactAssignment] {
        guard let entries = node.entries else {
            diagnostics.append(.error(.wrongType, "`set` must be a mapping of fact to expression, found \(node.kindDescription)",
                                      at: node.span))
            return []
        }
        return entries.compactMap { entry in
            guard let fact = NodeReading.name(entry.key, what: "a fact in `set`", diagnostics: &diagnostics),
                  let value = NodeReading.expression(entry.value, what: "the value of `\(fact.value)`",
                                                     diagnostics: &diagnostics) else { return nil }
            return FactAssignment(fact: fact, value: value)
        }
    }

    private mutating func lowerAcknowledgementsOfTransition(_ node: YAMLNode) -> [Acknowledgement] {
        guard let entries = node.entries else {
            diagnostics.append(.error(.wrongType, "`acknowledge` must be a mapping of warning code to reason, found \(node.kindDescription)",
                                      at: node.span, help: "e.g. `acknowledge: {setting-disables-transition: \"opt-in by design\"}`"))
            return []
        }
        return entries.compactMap { entry in
            guard let code = NodeReading.name(entry.key, what: "a warning code", diagnostics: &diagnostics),
                  let reason = NodeReading.text(entry.value, what: "the reason for acknowledging `\(code.value)`",
                                                diagnostics: &diagnostics) else { return nil }
            return Acknowledgement(code: code, reason: reason.value)
        }
    }
}

/// The slots of ``PolicyLowering/transitionKeys``, in its order.
enum TransitionKey {
    static let id = 0, from = 1, to = 2, mode = 3, on = 4, when = 5, at = 6, `guard` = 7, by = 8, set = 9,
               effects = 10, description = 11, acknowledge = 12
}
