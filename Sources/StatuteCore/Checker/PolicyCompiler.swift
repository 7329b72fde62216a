/// The outcome of checking and compiling a policy: the compiled policy when there were
/// no errors, and every diagnostic found (errors and warnings) either way.
package struct PolicyCompilation: Sendable {
    /// The compiled policy, or `nil` when any diagnostic is an error.
    package let policy: CompiledPolicy?
    /// Every error and warning found, sorted by position.
    package let diagnostics: [Diagnostic]

    /// Creates a compilation result; `policy` should be `nil` exactly when `diagnostics` has errors.
    package init(policy: CompiledPolicy?, diagnostics: [Diagnostic]) {
        self.policy = policy
        self.diagnostics = diagnostics
    }
}

/// Checks a ``PolicyDocument`` against every rule of docs/policy-language.md and compiles it.
///
/// Every problem is reported, not only the first: declarations are checked, then
/// expressions are compiled against what was declared, then transitions are resolved.
package struct PolicyCompiler: Sendable {
    /// Length and nesting limits applied to every expression of the policy (docs/reliability.md).
    package var limits: ExpressionLimits

    /// Creates a compiler with the given expression limits (by default 4,096 characters, nesting 64).
    package init(limits: ExpressionLimits = ExpressionLimits()) {
        self.limits = limits
    }

    /// Names no declaration may take, because expressions or `from` give them a meaning.
    static let reservedNames: Set<String> = ["today", "settings", "start", "true", "false", "null"]

    /// Checks and compiles a policy.
    package func compile(_ document: PolicyDocument) -> PolicyCompilation {
        var diagnostics: [Diagnostic] = []
        checkHeader(document, into: &diagnostics)
        let statuses = checkStatuses(document, into: &diagnostics)
        let roles = checkRoles(document, into: &diagnostics)
        checkValueDeclarations(document.settings, kind: "setting", into: &diagnostics)
        checkValueDeclarations(document.facts, kind: "fact", into: &diagnostics)
        checkFactPaths(document.facts, into: &diagnostics)
        checkNamedDeclarations(document.events, kind: "event", into: &diagnostics)
        checkNamedDeclarations(document.effects, kind: "effect", into: &diagnostics)
        checkDerivedNames(document, into: &diagnostics)

        let (environment, expressionDiagnostics) = ExpressionEnvironment.make(
            facts: document.facts.map { NameDeclaration(name: $0.name.value, type: $0.type.value) },
            settings: document.settings.map { NameDeclaration(name: $0.name.value, type: $0.type.value) },
            derived: document.derived.map {
                DerivedDefinition(name: $0.name.value, nameSpan: $0.name.span, source: $0.expression)
            },
            limits: limits)
        diagnostics += expressionDiagnostics

        let context = TransitionContext(document: document, statuses: statuses, roles: roles,
                                        environment: environment)
        let transitions = compileTransitions(context, into: &diagnostics)

        if diagnostics.hasErrors {
            return PolicyCompilation(policy: nil, diagnostics: diagnostics.sortedForDisplay(limit: .max))
        }
        let policy = CompiledPolicy(document: document, statuses: statuses, roles: roles,
                                    transitions: transitions, environment: environment)
        return PolicyCompilation(policy: policy, diagnostics: diagnostics.sortedForDisplay(limit: .max))
    }

    // MARK: - Declarations

    private func checkHeader(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) {
        if let version = document.version, version.value != StatuteLanguage.version {
            diagnostics.append(.error(.unsupportedVersion,
                                      "unsupported policy format version \(version.value)",
                                      at: version.span, help: "this version of Statute reads `statute: 1`"))
        }
        if let name = document.name, !Identifier.isValidID(name.value) {
            diagnostics.append(.error(.invalidIdentifier, "invalid policy name `\(name.value)`",
                                      at: name.span, help: "a policy name matches `[a-z][a-z0-9_-]*`"))
        }
    }

    private func checkIdentifier(_ name: Located<String>, kind: String,
                                 into diagnostics: inout [Diagnostic]) -> Bool {
        guard Identifier.isValid(name.value) else {
            diagnostics.append(.error(.invalidIdentifier, "invalid \(kind) name `\(name.value)`", at: name.span,
                                      help: "\(kind) names match `[a-z][a-z0-9_]*`"))
            return false
        }
        return true
    }

    private func checkDuplicates(_ names: [Located<String>], kind: String,
                                 into diagnostics: inout [Diagnostic]) {
        var seen: [String: SourceSpan] = [:]
        for name in names {
            if let first = seen[name.value] {
                diagnostics.append(Diagnostic.error(.duplicateDeclaration, "\(kind) `\(name.value)` is declared twice",
                                                    at: name.span, help: "the first declaration is at line \(first.start.line)")
                    .noting("`\(name.value)` is first declared here", at: first))
            } else {
                seen[name.value] = name.span
            }
        }
    }

    private func checkStatuses(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) -> [Status] {
        if document.statuses.isEmpty {
            diagnostics.append(.error(.noStatuses, "the policy declares no statuses", at: document.span,
                                      help: "add a `statuses:` mapping with at least one status"))
        }
        checkDuplicates(document.statuses.map(\.id), kind: "status", into: &diagnostics)
        var statuses: [Status] = []
        var ids = Set<String>()
        for declaration in document.statuses {
            let id = declaration.id
            if checkIdentifier(id, kind: "status", into: &diagnostics), id.value == "start" {
                diagnostics.append(.error(.reservedName, "`start` cannot be a status id", at: id.span,
                                          help: "`start` in `from` means a record with no status yet; choose another id"))
            }
            guard ids.insert(id.value).inserted else { continue }
            statuses.append(Status(id: id.value, index: statuses.count,
                                   label: declaration.label ?? Self.defaultLabel(for: id.value),
                                   description: declaration.description, isFinal: declaration.isFinal,
                                   span: id.span))
        }
        return statuses
    }

    /// `not_completed` → `Not Completed`.
    static func defaultLabel(for id: String) -> String {
        id.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    private func checkRoles(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) -> [Role] {
        checkDuplicates(document.roles.map(\.name), kind: "role", into: &diagnostics)
        let names = document.roles.map(\.name.value)
        var direct: [String: [String]] = [:]
        for role in document.roles {
            _ = checkIdentifier(role.name, kind: "role", into: &diagnostics)
            for included in role.includes {
                if !names.contains(included.value) {
                    diagnostics.append(.error(.unknownRole, "unknown role `\(included.value)`", at: included.span,
                                              help: Suggestions.didYouMeanOrList(included.value, in: names, kind: "roles")))
                } else if direct[role.name.value, default: []].contains(included.value) == false {
                    direct[role.name.value, default: []].append(included.value)
                }
            }
        }
        // Report each cycle once, at the include that closes it.
        var reported = Set<String>()
        for role in document.roles {
            for included in role.includes where names.contains(included.value) {
                if let path = Self.path(from: included.value, to: role.name.value, in: direct) {
                    let cycle = ([role.name.value] + path)
                    let key = Set(cycle).sorted().joined(separator: ",")
                    guard reported.insert(key).inserted else { continue }
                    var diagnostic = Diagnostic.error(.roleCycle,
                                              "roles include each other in a cycle: \(cycle.map { "`\($0)`" }.joined(separator: " -> "))",
                                              at: included.span, help: "remove one of these `includes`")
                    var noted: Set<String> = [role.name.value]
                    for member in cycle where noted.insert(member).inserted {
                        if let declaration = document.roles.first(where: { $0.name.value == member }) {
                            diagnostic = diagnostic.noting("`\(member)` is part of the cycle", at: declaration.name.span)
                        }
                    }
                    diagnostics.append(diagnostic)
                }
            }
        }
        return document.roles.reduce(into: [Role]()) { roles, declaration in
            guard !roles.contains(where: { $0.name == declaration.name.value }) else { return }
            roles.append(Role(name: declaration.name.value, description: declaration.description,
                              includes: declaration.includes.map(\.value),
                              actsAs: Self.closure(of: declaration.name.value, in: direct)))
        }
    }

    /// The roles reachable from `start` through `includes`, including itself.
    static func closure(of start: String, in graph: [String: [String]]) -> Set<String> {
        var seen: Set<String> = [start]
        var stack = [start]
        while let next = stack.popLast() {
            for included in graph[next, default: []] where seen.insert(included).inserted {
                stack.append(included)
            }
        }
        return seen
    }

    /// A path of includes from `start` to `goal` (both included), or `nil`.
    static func path(from start: String, to goal: String, in graph: [String: [String]]) -> [String]? {
        var previous: [String: String] = [:]
        var queue = [start]
        var seen: Set<String> = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if node == goal {
                var path = [node]
                var current = node
                while let p = previous[current] { path.append(p); current = p }
                return path.reversed()
            }
            for next in graph[node, default: []] where seen.insert(next).inserted {
                previous[next] = node
                queue.append(next)
            }
        }
        return nil
    }

    private func checkValueDeclarations(_ declarations: [ValueDeclaration], kind: String,
                                        into diagnostics: inout [Diagnostic]) {
        checkDuplicates(declarations.map(\.name), kind: kind, into: &diagnostics)
        for declaration in declarations {
            let name = declaration.name
            if kind == "setting" {
                if checkIdentifier(name, kind: kind, into: &diagnostics) { checkReserved(name, into: &diagnostics) }
            } else if !Identifier.isValidFactPath(name.value) {
                diagnostics.append(.error(.invalidIdentifier, "invalid fact name `\(name.value)`", at: name.span,
                                          help: "a fact name is one or more identifiers `[a-z][a-z0-9_]*` joined by dots"))
            } else if let first = name.value.split(separator: ".").first, Self.reservedNames.contains(String(first)) {
                checkReserved(Located(String(first), at: name.span), into: &diagnostics)
            }
            let type = declaration.type.value
            if type.base == .period {
                diagnostics.append(.error(.invalidConstraint, "a \(kind) cannot be of type `period`",
                                          at: declaration.type.span, help: "use `bool`, `int`, `string` or `date`"))
            }
            for bound in [declaration.min, declaration.max].compactMap({ $0 }) where type.base != .int {
                diagnostics.append(.error(.invalidConstraint, "`min` and `max` apply only to `int` declarations",
                                          at: bound.span))
            }
            if let min = declaration.min, let max = declaration.max, min.value > max.value {
                diagnostics.append(.error(.invalidConstraint, "`min` (\(min.value)) is greater than `max` (\(max.value))",
                                          at: max.span))
            }
            if let values = declaration.allowedValues {
                if type.base != .string, let first = values.first {
                    diagnostics.append(.error(.invalidConstraint, "`values` applies only to `string` declarations",
                                              at: first.span))
                }
                checkDuplicates(values, kind: "allowed value", into: &diagnostics)
            }
            if let defaultValue = declaration.defaultValue,
               let problem = declaration.violation(of: defaultValue.value) {
                diagnostics.append(.error(.invalidDefault, "invalid default: \(problem)", at: defaultValue.span))
            }
        }
    }

    private func checkReserved(_ name: Located<String>, into diagnostics: inout [Diagnostic]) {
        guard Self.reservedNames.contains(name.value) else { return }
        diagnostics.append(.error(.reservedName, "`\(name.value)` is a reserved name", at: name.span,
                                  help: "`today`, `settings`, `start`, `true`, `false` and `null` have a meaning of their own; choose another name"))
    }

    private func checkFactPaths(_ facts: [ValueDeclaration], into diagnostics: inout [Diagnostic]) {
        let names = Set(facts.map(\.name.value))
        for fact in facts {
            let parts = fact.name.value.split(separator: ".")
            for length in stride(from: 1, to: parts.count, by: 1) {
                let prefix = parts.prefix(length).joined(separator: ".")
                if names.contains(prefix) {
                    diagnostics.append(.error(.conflictingFact,
                                              "fact `\(fact.name.value)` is inside fact `\(prefix)`, which is a value",
                                              at: fact.name.span, help: "a fact is either a value or a group of facts, not both"))
                }
            }
        }
    }

    private func checkNamedDeclarations(_ declarations: [NamedDeclaration], kind: String,
                                        into diagnostics: inout [Diagnostic]) {
        checkDuplicates(declarations.map(\.name), kind: kind, into: &diagnostics)
        for declaration in declarations {
            _ = checkIdentifier(declaration.name, kind: kind, into: &diagnostics)
        }
    }

    private func checkDerivedNames(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) {
        checkDuplicates(document.derived.map(\.name), kind: "derived value", into: &diagnostics)
        let factRoots = Set(document.facts.compactMap { $0.name.value.split(separator: ".").first.map(String.init) })
        for derived in document.derived {
            guard checkIdentifier(derived.name, kind: "derived value", into: &diagnostics) else { continue }
            checkReserved(derived.name, into: &diagnostics)
            if factRoots.contains(derived.name.value) {
                diagnostics.append(.error(.duplicateDeclaration,
                                          "derived value `\(derived.name.value)` has the name of a fact",
                                          at: derived.name.span, help: "choose a name no fact uses"))
            }
        }
    }
}

/// Facts about the policy language itself.
package enum StatuteLanguage {
    /// The policy format version this build reads.
    package static let version = 1
}
