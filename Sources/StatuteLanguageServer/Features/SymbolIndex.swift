package import Statute

/// What a name in a policy or test file stands for.
package enum SymbolKind: String, Hashable, Sendable, CaseIterable {
    case status, fact, setting, derived, event, effect, role, transition, function
}

/// One place a name is written: its declaration or a use.
package struct Occurrence: Hashable, Sendable {
    package var kind: SymbolKind
    /// The name as declared (`expiring_notice_days` for a setting read as `settings.expiring_notice_days`).
    package var name: String
    /// Where exactly the name is written (for a setting in an expression, without `settings.`).
    package var span: SourceSpan
    package var isDeclaration: Bool
}

/// Every declaration and use of a name in one file, read from its declarations and the
/// names its expressions read.
package struct SymbolIndex: Sendable {
    package private(set) var occurrences: [Occurrence] = []

    package init() {}

    /// The index of a policy.
    package init(policy document: PolicyDocument) {
        let derivedNames = Set(document.derived.map(\.name.value))
        for role in document.roles {
            add(.role, role.name, declaration: true)
            for included in role.includes { add(.role, included) }
        }
        for setting in document.settings { add(.setting, setting.name, declaration: true) }
        for fact in document.facts { add(.fact, fact.name, declaration: true) }
        for derived in document.derived {
            add(.derived, derived.name, declaration: true)
            addNames(in: derived.expression, derivedNames: derivedNames)
        }
        for status in document.statuses { add(.status, status.id, declaration: true) }
        for event in document.events { add(.event, event.name, declaration: true) }
        for effect in document.effects { add(.effect, effect.name, declaration: true) }
        for transition in document.transitions {
            add(.transition, transition.id, declaration: true)
            for item in transition.from {
                if case .status(let id) = item.value { add(.status, Located(string: id, at: item.span)) }
            }
            if let to = transition.to { add(.status, to) }
            if let event = transition.event { add(.event, event) }
            for role in transition.roles ?? [] { add(.role, role) }
            for effect in transition.effects { add(.effect, effect) }
            for expression in [transition.when, transition.at, transition.guardExpression].compactMap({ $0 }) {
                addNames(in: expression, derivedNames: derivedNames)
            }
            for assignment in transition.assignments {
                add(.fact, assignment.fact)
                addNames(in: assignment.value, derivedNames: derivedNames)
            }
        }
    }

    /// The index of a test file: every name of its policy it uses.
    package init(testFile file: PolicyTestFile) {
        for fact in file.facts { add(.fact, fact.name) }
        for setting in file.settings { add(.setting, setting.name) }
        for test in file.tests {
            for fact in test.facts { add(.fact, fact.name) }
            for setting in test.settings { add(.setting, setting.name) }
            if let status = test.status { add(.status, status) }
            switch test.request {
            case .evaluate: break
            case .event(let event): add(.event, event)
            case .manual(let status, let role, let transition):
                add(.status, status)
                if let role { add(.role, role) }
                if let transition { add(.transition, transition) }
            }
            let expect = test.expect
            if let status = expect.status, let id = status.value { add(.status, Located(string: id, at: status.span)) }
            for step in expect.steps ?? [] { add(.transition, step) }
            for effect in expect.effects ?? [] { add(.effect, effect) }
            for assignment in expect.assignments ?? [] { add(.fact, assignment.name) }
            if let next = expect.next?.value {
                if let transition = next.transition { add(.transition, transition) }
                if let to = next.to { add(.status, to) }
            }
        }
    }

    /// The occurrence written at `location`, if any (the innermost when several cover it).
    package func occurrence(at location: SourceLocation) -> Occurrence? {
        occurrences.filter { $0.span.start <= location && location <= $0.span.end }
            .min { ($0.span.end.column - $0.span.start.column) < ($1.span.end.column - $1.span.start.column) }
    }

    /// The occurrences of the name `name` of kind `kind`.
    package func occurrences(of kind: SymbolKind, named name: String) -> [Occurrence] {
        occurrences.filter { $0.kind == kind && $0.name == name }
    }

    /// The declaration of `name`, if the file declares it.
    package func declaration(of kind: SymbolKind, named name: String) -> Occurrence? {
        occurrences.first { $0.kind == kind && $0.name == name && $0.isDeclaration }
    }

    private mutating func add(_ kind: SymbolKind, _ name: Located<String>, declaration: Bool = false) {
        occurrences.append(Occurrence(kind: kind, name: name.value, span: name.span, isDeclaration: declaration))
    }

    /// The facts, settings, derived values and functions an expression reads, each with the
    /// span of its name. An expression that does not parse adds nothing.
    private mutating func addNames(in source: EmbeddedText, derivedNames: Set<String>) {
        guard let syntax = ExpressionParser.parse(source).0 else { return }
        var pending = [syntax]
        while let node = pending.popLast() {
            switch node.kind {
            case .name(let name):
                if name == "today" { break }
                let prefix = "settings."
                if name.hasPrefix(prefix) {
                    let setting = String(name.dropFirst(prefix.count))
                    add(.setting, Located(string: setting, at: subspan(of: node.span, in: source, skipping: prefix.count,
                                                                       length: setting.unicodeScalars.count)))
                } else {
                    add(derivedNames.contains(name) ? .derived : .fact, Located(string: name, at: node.span))
                }
            case .call(let function, let arguments):
                add(.function, Located(string: function, at: subspan(of: node.span, in: source, skipping: 0,
                                                                     length: function.unicodeScalars.count)))
                pending += arguments
            default:
                pending += node.children
            }
        }
    }

    /// The part of a node's span `skipping` scalars in and `length` long, mapped through the
    /// embedded text (which knows where each scalar of the expression is in the file).
    private func subspan(of span: SourceSpan, in source: EmbeddedText, skipping: Int, length: Int) -> SourceSpan {
        let start = source.scalarOffset(of: span.start) + skipping
        return source.span(scalarOffsets: start..<start + length)
    }
}
