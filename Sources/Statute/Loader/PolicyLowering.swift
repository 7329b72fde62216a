import StatuteCore
import StatuteYAML

/// Lowers a YAML node tree into a ``PolicyDocument`` by hand, keeping every position,
/// and reporting every shape problem: unknown and missing keys, wrong value kinds,
/// malformed declarations.
struct PolicyLowering {
    static let topLevelKeys = ["statute", "name", "title", "description", "roles", "settings", "facts",
                               "derive", "statuses", "events", "effects", "transitions", "acknowledge"]
    static let transitionKeys = ["id", "from", "to", "mode", "on", "when", "at", "guard", "by", "set",
                                 "effects", "description", "acknowledge"]
    static let declarationKeys = ["type", "default", "min", "max", "values", "label", "description"]
    static let roleKeys = ["description", "includes"]
    static let statusKeys = ["label", "description", "final"]
    static let namedKeys = ["description"]
    static let requiredTopLevelKeys = ["statute", "name", "statuses", "transitions"]
    static let requiredTransitionKeys = ["id", "from", "to", "mode"]
    static let requiredDeclarationKeys = ["type"]
    static let topLevelMapping = MappingKeys(topLevelKeys, required: requiredTopLevelKeys)
    static let transitionMapping = MappingKeys(transitionKeys, required: requiredTransitionKeys)
    static let declarationMapping = MappingKeys(declarationKeys, required: requiredDeclarationKeys)
    static let roleMapping = MappingKeys(roleKeys)
    static let statusMapping = MappingKeys(statusKeys)
    static let namedMapping = MappingKeys(namedKeys)

    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func lower(_ root: YAMLNode) -> PolicyDocument {
        var document = PolicyDocument(file: file, span: root.span)
        guard let top = MappingReader(root, context: "the policy", keys: Self.topLevelMapping,
                                      diagnostics: &diagnostics) else { return document }
        if let node = top["statute"] {
            document.version = NodeReading.int(node, what: "`statute` (the format version)", diagnostics: &diagnostics)
        }
        if let node = top["name"] { document.name = NodeReading.name(node, what: "`name`", diagnostics: &diagnostics) }
        if let node = top["title"] { document.title = NodeReading.text(node, what: "`title`", diagnostics: &diagnostics)?.value }
        if let node = top["description"] {
            document.description = NodeReading.text(node, what: "`description`", diagnostics: &diagnostics)?.value
        }
        if let node = top["roles"] { document.roles = lowerRoles(node) }
        if let node = top["settings"] { document.settings = lowerDeclarations(node, kind: "setting") }
        if let node = top["facts"] { document.facts = lowerDeclarations(node, kind: "fact") }
        if let node = top["derive"] { document.derived = lowerDerived(node) }
        if let node = top["statuses"] { document.statuses = lowerStatuses(node) }
        if let node = top["events"] { document.events = lowerNamed(node, kind: "event") }
        if let node = top["effects"] { document.effects = lowerNamed(node, kind: "effect") }
        if let node = top["transitions"] {
            var transitions: [TransitionDeclaration] = []
            if let items = node.items {
                transitions.reserveCapacity(items.count)  // declarations are large: no growth by doubling
                for (position, item) in items.enumerated() {
                    lowerTransition(item, position: position + 1, into: &transitions)
                }
            } else {
                _ = NodeReading.list(node, what: "`transitions`", diagnostics: &diagnostics)  // reports the shape
            }
            document.transitions = transitions
        }
        if let node = top["acknowledge"] { document.acknowledged = lowerAcknowledgements(node) }
        return document
    }

    // MARK: - Sections

    /// The entries of a section mapping (`roles:`, `settings:` …), as (name, value) pairs.
    /// A null section (`events:` with nothing after it) is empty.
    private mutating func sectionEntries(_ node: YAMLNode, section: String) -> [(Located<String>, YAMLNode)] {
        if node.isNull { return [] }
        guard let entries = node.entries else {
            diagnostics.append(.error(.wrongType, "`\(section)` must be a mapping, found \(node.kindDescription)",
                                      at: node.span))
            return []
        }
        return entries.compactMap { entry in
            NodeReading.name(entry.key, what: "a name in `\(section)`", diagnostics: &diagnostics).map { ($0, entry.value) }
        }
    }

    private mutating func lowerRoles(_ node: YAMLNode) -> [RoleDeclaration] {
        sectionEntries(node, section: "roles").map { name, value in
            var role = RoleDeclaration(name: name)
            if value.isNull { return role }
            guard let reader = MappingReader(value, context: "role `\(name.value)`",
                                             keys: Self.roleMapping, diagnostics: &diagnostics)
            else { return role }
            if let d = reader["description"] { role.description = NodeReading.text(d, what: "`description`", diagnostics: &diagnostics)?.value }
            if let i = reader["includes"] { role.includes = NodeReading.nameList(i, what: "a role in `includes`", diagnostics: &diagnostics) }
            return role
        }
    }

    private mutating func lowerDeclarations(_ node: YAMLNode, kind: String) -> [ValueDeclaration] {
        sectionEntries(node, section: kind == "setting" ? "settings" : "facts").compactMap { name, value in
            lowerDeclaration(name: name, value, kind: kind)
        }
    }

    private mutating func lowerType(_ node: YAMLNode, of name: String) -> Located<ValueType>? {
        guard let text = NodeReading.text(node, what: "the type of `\(name)`", diagnostics: &diagnostics) else { return nil }
        guard let type = ValueType(parsing: text.value), type.base != .period else {
            diagnostics.append(.error(.unknownType, "unknown type `\(text.value)` for `\(name)`", at: node.span,
                                      help: Suggestions.didYouMean(text.value, in: ["bool", "int", "string", "date"])
                                        ?? "types are `bool`, `int`, `string` and `date`, each optionally followed by `?`"))
            return nil
        }
        return Located(type, at: node.span)
    }

    private mutating func lowerDeclaration(name: Located<String>, _ node: YAMLNode, kind: String) -> ValueDeclaration? {
        if node.isScalar {
            guard let type = lowerType(node, of: name.value) else { return nil }
            return ValueDeclaration(name: name, type: type)
        }
        if kind == "fact", let entries = node.entries, node["type"] == nil,
           let firstKey = entries.first(where: { _ in true })?.key, let first = firstKey.scalarValue,
           !Self.declarationKeys.contains(first) {
            diagnostics.append(.error(.nestedDeclaration, "facts are declared by their dotted name, not nested",
                                      at: firstKey.span,
                                      help: "write `\(name.value).\(first):` at the level of `\(name.value)`, with its type"))
            return nil
        }
        guard let reader = MappingReader(node, context: "\(kind) `\(name.value)`", keys: Self.declarationMapping, diagnostics: &diagnostics),
              let typeNode = reader["type"], let type = lowerType(typeNode, of: name.value) else { return nil }
        var declaration = ValueDeclaration(name: name, type: type)
        if let node = reader["default"] {
            switch ValueConversion.value(of: node, as: type.value, name: name.value) {
            case .success(let value): declaration.defaultValue = Located(value, at: node.span)
            case .failure(let problem):
                var problem = problem
                if problem.code == .wrongType { problem.code = .invalidDefault }
                problem.message = "invalid default: " + problem.message
                diagnostics.append(problem)
            }
        }
        if let node = reader["min"] { declaration.min = NodeReading.int(node, what: "`min`", diagnostics: &diagnostics) }
        if let node = reader["max"] { declaration.max = NodeReading.int(node, what: "`max`", diagnostics: &diagnostics) }
        if let node = reader["values"] {
            declaration.allowedValues = NodeReading.list(node, what: "`values`", diagnostics: &diagnostics).compactMap {
                NodeReading.text($0, what: "an allowed value", diagnostics: &diagnostics)
            }
        }
        if let node = reader["label"] { declaration.label = NodeReading.text(node, what: "`label`", diagnostics: &diagnostics)?.value }
        if let node = reader["description"] {
            declaration.description = NodeReading.text(node, what: "`description`", diagnostics: &diagnostics)?.value
        }
        return declaration
    }

    private mutating func lowerDerived(_ node: YAMLNode) -> [DerivedDeclaration] {
        sectionEntries(node, section: "derive").compactMap { name, value in
            NodeReading.expression(value, what: "derived value `\(name.value)`", diagnostics: &diagnostics)
                .map { DerivedDeclaration(name: name, expression: $0) }
        }
    }

    private mutating func lowerStatuses(_ node: YAMLNode) -> [StatusDeclaration] {
        sectionEntries(node, section: "statuses").map { id, value in
            var status = StatusDeclaration(id: id)
            if value.isNull { return status }
            guard let reader = MappingReader(value, context: "status `\(id.value)`",
                                             keys: Self.statusMapping, diagnostics: &diagnostics)
            else { return status }
            if let n = reader["label"] { status.label = NodeReading.text(n, what: "`label`", diagnostics: &diagnostics)?.value }
            if let n = reader["description"] { status.description = NodeReading.text(n, what: "`description`", diagnostics: &diagnostics)?.value }
            if let n = reader["final"] { status.isFinal = NodeReading.bool(n, what: "`final`", diagnostics: &diagnostics) ?? false }
            return status
        }
    }

    private mutating func lowerNamed(_ node: YAMLNode, kind: String) -> [NamedDeclaration] {
        sectionEntries(node, section: kind + "s").map { name, value in
            var declaration = NamedDeclaration(name: name)
            if value.isNull { return declaration }
            guard let reader = MappingReader(value, context: "\(kind) `\(name.value)`", keys: Self.namedMapping,
                                             diagnostics: &diagnostics) else { return declaration }
            if let n = reader["description"] {
                declaration.description = NodeReading.text(n, what: "`description`", diagnostics: &diagnostics)?.value
            }
            return declaration
        }
    }

    private mutating func lowerAcknowledgements(_ node: YAMLNode) -> [Acknowledgement] {
        sectionEntries(node, section: "acknowledge").compactMap { code, value in
            NodeReading.text(value, what: "the reason for acknowledging `\(code.value)`", diagnostics: &diagnostics)
                .map { Acknowledgement(code: code, reason: $0.value) }
        }
    }
}
