/// `order-decides`: two automatic transitions from a common status, on the same trigger,
/// whose conditions can both hold — so their order in the file silently decides.
extension PolicyAnalyzer {
    static func orderFindings(_ context: AnalysisContext, shadowed: Set<[Int]>) -> [Finding] {
        let policy = context.policy
        var findings: [Finding] = []
        // Only transitions with the same trigger key that share a state can compete: they
        // are looked up by key and state, so the check is linear in the policy's size.
        for later in policy.transitions where later.mode == .automatic {
            // Unpacked once, and only when some earlier transition competes with it.
            var laterConditions: [ExpressionSyntax]?
            for earlier in context.earlierCompetitors(of: later).map({ policy.transitions[$0] }) {
                guard !shadowed.contains([earlier.index, later.index]) else { continue }
                let common = earlier.fromStatuses.intersection(later.fromStatuses).sorted()
                let bothFromStart = earlier.fromStart && later.fromStart
                guard bothFromStart || !common.isEmpty else { continue }
                let mine = laterConditions ?? conditions(of: later)
                laterConditions = mine
                guard !Exclusivity.exclusive(conditions(of: earlier), mine) else { continue }
                let places = (bothFromStart ? ["start"] : []) + common.map { policy.statuses[$0].id }
                let trigger: String = switch later.trigger {
                case .event(let name): "on event `\(name)`"
                case .when: "when the same condition holds"
                default: "on the same date"
                }
                let message = "transitions `\(earlier.id)` and `\(later.id)` can both fire from "
                    + "\(AnalysisContext.list(places)) \(trigger); file order decides and `\(earlier.id)` wins"
                findings.append(Finding(diagnostic: .warning(
                    .orderDecides, message, at: context.idSpan(of: later),
                    help: "make their guards exclusive (e.g. `x` and `!x`), or acknowledge that `\(earlier.id)` takes precedence "
                        + "on `\(later.id)`: `acknowledge: {order-decides: \"\(earlier.id) comes first because …\"}`"),
                    transitions: [later.index, earlier.index]))
            }
        }
        return findings
    }

    /// The conditions that must all hold for a transition to fire: its `when` and its
    /// guard, split at top-level `&&`.
    private static func conditions(of transition: Transition) -> [ExpressionSyntax] {
        var all: [ExpressionSyntax] = []
        if case .when(let e) = transition.trigger { all += e.syntax.conjuncts }
        if let g = transition.guardExpression { all += g.syntax.conjuncts }
        return all
    }
}

/// Syntactic mutual exclusion of conditions: sound (never claims exclusion that does not
/// hold) but incomplete.
enum Exclusivity {
    /// Whether no record can satisfy every condition of `a` and every condition of `b`.
    static func exclusive(_ a: [ExpressionSyntax], _ b: [ExpressionSyntax]) -> Bool {
        a.contains { x in b.contains { y in complementary(x, y) } }
    }

    /// Whether `x` and `y` cannot both hold (a null condition does not hold).
    static func complementary(_ x: ExpressionSyntax, _ y: ExpressionSyntax) -> Bool {
        if case .unary(.not, let inner) = x.kind, inner == y { return true }
        if case .unary(.not, let inner) = y.kind, inner == x { return true }
        guard let cx = Comparison(x), let cy = Comparison(y), cx.name == cy.name else { return false }
        return cx.constraint.isDisjoint(with: cy.constraint)
    }

    /// A condition on one name against literals: `a`, `!a`, `a == 1`, `a > 2`, `a in [1, 2]`.
    struct Comparison {
        let name: ExpressionSyntax
        let constraint: Constraint

        init?(_ syntax: ExpressionSyntax) {
            switch syntax.kind {
            case .name:
                name = syntax
                constraint = .equal(.bool(true))
            case .unary(.not, let operand):
                guard case .name = operand.kind else { return nil }
                name = operand
                constraint = .equal(.bool(false))
            case .binary(let op, let lhs, let rhs):
                var op = op, subject = lhs, other = rhs
                if case .literal = lhs.kind, case .name = rhs.kind {
                    subject = rhs
                    other = lhs
                    op = op.mirrored
                }
                guard case .name = subject.kind else { return nil }
                name = subject
                if case .literal(let literal) = other.kind {
                    switch (op, literal) {
                    case (.equal, _): constraint = .equal(literal)
                    case (.notEqual, _): constraint = .notEqual(literal)
                    case (.greater, .int(let n)): constraint = .range(n.addingReportingOverflow(1).partialValue, .max)
                    case (.greaterOrEqual, .int(let n)): constraint = .range(n, .max)
                    case (.less, .int(let n)): constraint = .range(.min, n.subtractingReportingOverflow(1).partialValue)
                    case (.lessOrEqual, .int(let n)): constraint = .range(.min, n)
                    default: return nil
                    }
                } else if op == .in, case .list(let items) = other.kind {
                    var values: [LiteralValue] = []
                    for item in items {
                        guard case .literal(let literal) = item.kind else { return nil }
                        values.append(literal)
                    }
                    constraint = .oneOf(values)
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
    }

    /// The values a name may have for a condition to hold.
    enum Constraint {
        case equal(LiteralValue)
        case notEqual(LiteralValue)
        case oneOf([LiteralValue])
        /// Integers from the first bound to the second, inclusive.
        case range(Int, Int)

        /// Whether no value satisfies both constraints.
        func isDisjoint(with other: Constraint) -> Bool {
            switch (self, other) {
            case (.equal(let a), .equal(let b)): return a != b
            case (.equal(let a), .notEqual(let b)), (.notEqual(let b), .equal(let a)): return a == b
            case (.equal(let a), .oneOf(let list)), (.oneOf(let list), .equal(let a)): return !list.contains(a)
            case (.oneOf(let a), .oneOf(let b)): return !a.contains { b.contains($0) }
            case (.range(let lo, let hi), .equal(.int(let n))), (.equal(.int(let n)), .range(let lo, let hi)):
                return n < lo || n > hi
            case (.range, .equal), (.equal, .range):
                // `== null` (or a literal of another type): an ordering with null never holds.
                return true
            case (.range(let a1, let a2), .range(let b1, let b2)): return max(a1, b1) > min(a2, b2)
            case (.range(let lo, let hi), .oneOf(let list)), (.oneOf(let list), .range(let lo, let hi)):
                return !list.contains { if case .int(let n) = $0 { n >= lo && n <= hi } else { false } }
            default: return false
            }
        }
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped: `1 < a` is `a > 1`.
    var mirrored: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}
