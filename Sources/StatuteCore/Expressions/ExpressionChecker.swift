/// A checked sub-expression: its type and its compiled node.
struct Typed {
    let type: CheckedType
    let node: CompiledNode

    static let poison = Typed(type: .poison, node: .constant(.null))
}

/// Type-checks a syntax tree against a ``NameScope`` and compiles it to
/// ``CompiledNode``s in the same pass. Collects every diagnostic; after an error the
/// offending sub-expression is poisoned so that one mistake is reported once.
struct ExpressionChecker {
    let scope: NameScope
    private(set) var diagnostics: [Diagnostic] = []
    /// Names read, once each, in source order.
    private(set) var reads: [NameReference] = []
    /// Environment indices of the derived values read directly.
    private(set) var derivedRead: [Int] = []
    /// The names in `reads`, once there are more than a few (fewer are searched in `reads`).
    private var readNames: Set<String>?

    init(scope: NameScope) {
        self.scope = scope
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, help: String? = nil) {
        diagnostics.append(.error(code, message, at: span, help: help))
    }

    mutating func check(_ syntax: ExpressionSyntax) -> Typed {
        switch syntax.kind {
        case .literal(let literal):
            switch literal {
            case .null: return Typed(type: .null, node: .constant(.null))
            case .bool(let b): return Typed(type: .value(.bool), node: .constant(.bool(b)))
            case .int(let n): return Typed(type: .value(.int), node: .constant(.int(n)))
            case .string(let s): return Typed(type: .value(.string), node: .constant(.string(s)))
            }
        case .name(let name):
            return resolve(name, at: syntax.span)
        case .list(let items):
            for item in items { _ = check(item) }
            error(.misplacedList, "a list is only allowed on the right of `in`", at: syntax.span)
            return .poison
        case .unary(let op, let operand):
            return checkUnary(op, operand)
        case .binary(let op, let lhs, let rhs):
            return checkBinary(op, lhs, rhs)
        case .conditional(let c, let t, let e):
            return checkConditional(c, t, e)
        case .call(let name, let arguments):
            return checkCall(name, arguments, syntax)
        }
    }

    private mutating func resolve(_ name: String, at span: SourceSpan) -> Typed {
        guard let slot = scope.lookup(name) else {
            if !scope.broken.contains(name) {
                let setting = "settings." + name
                let help = scope.lookup(setting)?.kind == .setting
                    ? "did you mean `\(setting)`?" : Suggestions.didYouMean(name, in: scope.allNames)
                error(.unknownName, "unknown name `\(name)`", at: span, help: help)
            }
            return .poison
        }
        if isFirstRead(of: name) {
            // Room for a few names at once: growing one slot at a time was a measurable
            // share of checking.
            if reads.isEmpty { reads.reserveCapacity(4) }
            reads.append(NameReference(kind: slot.kind, name: name, slot: slot.slot))
            // A derived slot has one name, so it is listed once.
            if slot.kind == .derived {
                if derivedRead.isEmpty { derivedRead.reserveCapacity(2) }
                derivedRead.append(slot.slot)
            }
        }
        let node: CompiledNode = switch slot.kind {
        case .fact: .fact(slot.slot, name)
        case .setting: .setting(slot.slot, name)
        case .today: .today
        case .derived: .derived(slot.slot, name)
        }
        return Typed(type: .value(slot.type), node: node)
    }

    /// Whether `name` is read here for the first time; remembers it.
    private mutating func isFirstRead(of name: String) -> Bool {
        if readNames != nil { return readNames!.insert(name).inserted }
        if reads.contains(where: { $0.name == name }) { return false }
        if reads.count >= 8 { readNames = Set(reads.map(\.name) + [name]) }
        return true
    }

    /// Whether `typed` is usable as a bool operand; reports an error when it is not.
    /// (`what` is only written into the message.)
    mutating func requireBool(_ typed: Typed, _ syntax: ExpressionSyntax, _ what: @autoclosure () -> String) -> Bool {
        switch typed.type {
        case .poison: return false
        case .null: return true
        case .value(let t):
            if t.base == .bool { return true }
            error(.typeMismatch, "\(what()) needs bool operands, found `\(t)`", at: syntax.span)
            return false
        }
    }

    private mutating func checkUnary(_ op: UnaryOperator, _ operand: ExpressionSyntax) -> Typed {
        let x = check(operand)
        switch op {
        case .not:
            guard requireBool(x, operand, "`!`") else { return .poison }
            return Typed(type: .value(ValueType(.bool, optional: x.type.mayBeNull)), node: .unary(.not, x.node))
        case .negate:
            switch x.type {
            case .poison: return .poison
            case .null: return Typed(type: .value(.int.optional), node: .constant(.null))
            case .value(let t) where t.base == .int:
                return Typed(type: x.type, node: .unary(.negateInt, x.node))
            case .value(let t) where t.base == .period:
                return Typed(type: x.type, node: .unary(.negatePeriod, x.node))
            case .value(let t):
                error(.typeMismatch, "`-` needs an int or period operand, found `\(t)`", at: operand.span)
                return .poison
            }
        }
    }

    private mutating func checkConditional(_ c: ExpressionSyntax, _ t: ExpressionSyntax,
                                           _ e: ExpressionSyntax) -> Typed {
        let condition = check(c)
        let then = check(t)
        let otherwise = check(e)
        var ok = true
        if case .value(let type) = condition.type, type.base != .bool {
            error(.typeMismatch, "the condition of `?:` must be bool, found `\(type)`", at: c.span)
            ok = false
        }
        guard let shared = CheckedType.unify(then.type, otherwise.type) else {
            error(.typeMismatch, "the branches of `?:` have different types: `\(then.type)` and `\(otherwise.type)`",
                  at: e.span, help: "both branches must have the same type, or one of them be `null`")
            return .poison
        }
        guard ok, condition.type != .poison, case .value(let type) = shared else {
            return shared == .null && ok ? Typed(type: .null, node: .constant(.null)) : .poison
        }
        let result = ValueType(type.base, optional: type.isOptional || condition.type.mayBeNull)
        return Typed(type: .value(result), node: .conditional(condition.node, then.node, otherwise.node))
    }
}
