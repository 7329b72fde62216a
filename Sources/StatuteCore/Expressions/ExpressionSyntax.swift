/// A literal in an expression.
package enum LiteralValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// Always non-negative in parsed trees: `-5` is a negation of `5`.
    case int(Int)
    /// A string, written in single or double quotes; escapes already resolved.
    case string(String)
}

/// A prefix operator.
package enum UnaryOperator: String, Hashable, Sendable, CaseIterable {
    /// `!`: logical not (`!null` is `null`).
    case not = "!"
    /// `-`: negation of an `int` or a `period`.
    case negate = "-"
}

/// An infix operator (the conditional `?:` is its own node).
package enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    /// `??`: the left value, or the right one when the left is `null`.
    case coalesce = "??"
    /// `||`: three-valued or (`true || null` is `true`).
    case or = "||"
    /// `&&`: three-valued and (`false && null` is `false`).
    case and = "&&"
    /// `==`: equality; compares `null` like a value (`null == null` is `true`).
    case equal = "=="
    /// `!=`: inequality; compares `null` like a value.
    case notEqual = "!="
    /// `<`.
    case less = "<"
    /// `<=`.
    case lessOrEqual = "<="
    /// `>`.
    case greater = ">"
    /// `>=`.
    case greaterOrEqual = ">="
    /// `in`: membership in a list literal (`kind in ['online', 'onsite']`).
    case `in` = "in"
    /// `+`: int addition, date plus period (either order), or period plus period.
    case add = "+"
    /// `-`: int subtraction, date minus period, or period minus period.
    case subtract = "-"
    /// `*`: int multiplication.
    case multiply = "*"
    /// `/`: int division, truncating; `null` on division by zero.
    case divide = "/"
    /// `%`: int remainder; `null` on division by zero.
    case remainder = "%"

    /// Binding strength: higher binds tighter. The conditional is 1, unary operators 9.
    package var precedence: Int {
        switch self {
        case .coalesce: 2
        case .or: 3
        case .and: 4
        case .equal, .notEqual: 5
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .in: 6
        case .add, .subtract: 7
        case .multiply, .divide, .remainder: 8
        }
    }

    /// `??` groups to the right; every other infix operator to the left.
    package var isRightAssociative: Bool { self == .coalesce }
}

/// A parsed expression: a tree whose every node carries the span of its text in the
/// source file.
///
/// Equality and hashing compare the tree only, not the spans, so a tree printed with
/// ``description`` and parsed again equals the original.
package struct ExpressionSyntax: Hashable, Sendable, CustomStringConvertible {
    /// What a node is, with its sub-expressions. Only the cases holding a node directly
    /// are boxed: literals, names, lists and calls are stored inline, so leaves (half
    /// of every tree) cost no allocation.
    package enum Kind: Hashable, Sendable {
        /// A `null`, `true`/`false`, integer or string literal.
        case literal(LiteralValue)
        /// A name as written: `completed_on`, `program.require_approval`,
        /// `settings.expiring_notice_days`, a derived name or `today`.
        case name(String)
        /// `[a, b]`, only valid on the right of `in`.
        case list([ExpressionSyntax])
        /// A prefix operator applied to an operand.
        indirect case unary(UnaryOperator, ExpressionSyntax)
        /// An infix operator applied to two operands.
        indirect case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax)
        /// `condition ? then : else`.
        indirect case conditional(ExpressionSyntax, ExpressionSyntax, ExpressionSyntax)
        /// `function(arguments…)`.
        case call(String, [ExpressionSyntax])
    }

    /// What the node is.
    package let kind: Kind
    /// The node's text in the source file; excluded from equality and hashing.
    package let span: SourceSpan

    /// Creates a node.
    package init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// Compares the trees, ignoring spans.
    package static func == (lhs: ExpressionSyntax, rhs: ExpressionSyntax) -> Bool { lhs.kind == rhs.kind }
    /// Hashes the tree, ignoring spans.
    package func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    /// The direct sub-expressions, in source order.
    package var children: [ExpressionSyntax] {
        switch kind {
        case .literal, .name: []
        case .list(let items): items
        case .unary(_, let operand): [operand]
        case .binary(_, let lhs, let rhs): [lhs, rhs]
        case .conditional(let c, let t, let e): [c, t, e]
        case .call(_, let arguments): arguments
        }
    }

    /// Canonical source text, parenthesised only where precedence requires; parses back
    /// to an equal tree.
    package var description: String {
        var out = ""
        ExpressionPrinter.print(self, into: &out)
        return out
    }
}

/// Prints syntax trees as canonical source text.
enum ExpressionPrinter {
    static let conditionalPrecedence = 1
    static let unaryPrecedence = 9
    static let atomPrecedence = 10

    static func precedence(of syntax: ExpressionSyntax) -> Int {
        switch syntax.kind {
        case .conditional: conditionalPrecedence
        case .binary(let op, _, _): op.precedence
        case .unary(_, _): unaryPrecedence
        case .literal, .name, .list, .call: atomPrecedence
        }
    }

    /// Prints `syntax`, in parentheses if it binds looser than `minimum`.
    static func print(_ syntax: ExpressionSyntax, into out: inout String, minimum: Int = 0) {
        let parenthesise = precedence(of: syntax) < minimum
        if parenthesise { out += "(" }
        switch syntax.kind {
        case .literal(let literal):
            out += text(of: literal)
        case .name(let name):
            out += name
        case .list(let items):
            out += "["
            printList(items, into: &out)
            out += "]"
        case .unary(let op, let operand):
            out += op.rawValue
            print(operand, into: &out, minimum: unaryPrecedence)
        case .binary(let op, let lhs, let rhs):
            let p = op.precedence
            print(lhs, into: &out, minimum: op.isRightAssociative ? p + 1 : p)
            out += " \(op.rawValue) "
            print(rhs, into: &out, minimum: op.isRightAssociative ? p : p + 1)
        case .conditional(let c, let t, let e):
            print(c, into: &out, minimum: conditionalPrecedence + 1)
            out += " ? "
            print(t, into: &out, minimum: conditionalPrecedence)
            out += " : "
            print(e, into: &out, minimum: conditionalPrecedence)
        case .call(let name, let arguments):
            out += name + "("
            printList(arguments, into: &out)
            out += ")"
        }
        if parenthesise { out += ")" }
    }

    static func printList(_ items: [ExpressionSyntax], into out: inout String) {
        for (i, item) in items.enumerated() {
            if i > 0 { out += ", " }
            print(item, into: &out)
        }
    }

    static func text(of literal: LiteralValue) -> String {
        switch literal {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .string(let s):
            var out = "'"
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "'": out += "\\'"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "'"
        }
    }
}
