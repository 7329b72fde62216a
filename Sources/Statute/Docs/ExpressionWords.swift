import StatuteCore

/// Renders expressions in words for generated docs: `!x` → "not x", `a && b` → "a and b",
/// `x > 0` → "x is above 0", `x ?? y` → "x, or else y", `d - days(n)` → "n days before d".
///
/// Facts read as their declared label (in italics) when they have one; settings as their
/// name in backticks (their label is the long text of a settings screen, and the settings
/// table gives it); derived names in backticks; `today` as "today". Anything without a
/// wording (a conditional, arithmetic on numbers, most calls) falls back to its source
/// text in backticks.
struct ExpressionWords {
    let policy: CompiledPolicy

    /// The expression in words, as Markdown (facts' labels in `*…*`, names in backticks).
    func words(_ syntax: ExpressionSyntax) -> String { DocMarkdown.inline(inlines(syntax)) }

    /// The expression in words, as document content.
    func inlines(_ syntax: ExpressionSyntax) -> [DocInline] {
        switch syntax.kind {
        case .literal(let literal):
            return [.text(literal == .null ? "empty" : syntax.description)]
        case .name(let name):
            return nameWords(name)
        case .unary(.not, let operand):
            return ["not "] + grouped(operand)
        case .binary(let op, let lhs, let rhs):
            return binaryWords(op, lhs, rhs, whole: syntax)
        case .call(let function, let arguments):
            if ["days", "months", "years"].contains(function), arguments.count == 1 {
                return grouped(arguments[0]) + [.text(" \(function)")]
            }
            if function == "date", arguments.count == 1, case .literal(.string(let text)) = arguments[0].kind {
                return [.text(text)]
            }
            return raw(syntax)
        case .unary, .list, .conditional:
            return raw(syntax)
        }
    }

    /// A date expression as the moment a transition fires: "on the date `d`",
    /// "`n` days before `d`".
    func dateInlines(_ syntax: ExpressionSyntax) -> [DocInline] {
        if case .binary(let op, let date, let period) = syntax.kind, op == .add || op == .subtract,
           case .call(let unit, let arguments) = period.kind, ["days", "months", "years"].contains(unit),
           arguments.count == 1 {
            return grouped(arguments[0]) + [.text(" \(unit) \(op == .subtract ? "before" : "after") ")] + dateName(date)
        }
        return ["on "] + dateName(syntax)
    }

    /// ``dateInlines(_:)`` as Markdown.
    func dateWords(_ syntax: ExpressionSyntax) -> String { DocMarkdown.inline(dateInlines(syntax)) }

    private func dateName(_ syntax: ExpressionSyntax) -> [DocInline] {
        if case .name(let name) = syntax.kind, name != "today" { return ["the date "] + nameWords(name) }
        return inlines(syntax)
    }

    private func nameWords(_ name: String) -> [DocInline] {
        if name == "today" { return ["today"] }
        if name.hasPrefix("settings.") { return [.code(String(name.dropFirst("settings.".count)))] }
        if let slot = policy.factSlot(of: name), let label = policy.facts[slot].label, !label.isEmpty {
            return [.emphasis([.text(label)], asterisks: true)]
        }
        return [.code(name)]
    }

    private func binaryWords(_ op: BinaryOperator, _ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax,
                             whole: ExpressionSyntax) -> [DocInline] {
        switch op {
        case .and: return operand(lhs, of: .and) + [" and "] + operand(rhs, of: .and)
        case .or: return operand(lhs, of: .or) + [" or "] + operand(rhs, of: .or)
        case .coalesce: return grouped(lhs) + [", or else "] + grouped(rhs)
        case .equal:
            if case .literal(.bool(let b)) = rhs.kind { return b ? inlines(lhs) : ["not "] + grouped(lhs) }
            return grouped(lhs) + [" is "] + grouped(rhs)
        case .notEqual:
            if case .literal(.null) = rhs.kind { return grouped(lhs) + [" is given"] }
            return grouped(lhs) + [" is not "] + grouped(rhs)
        case .greater: return grouped(lhs) + [" is above "] + grouped(rhs)
        case .greaterOrEqual: return grouped(lhs) + [" is at least "] + grouped(rhs)
        case .less: return grouped(lhs) + [" is below "] + grouped(rhs)
        case .lessOrEqual: return grouped(lhs) + [" is at most "] + grouped(rhs)
        case .in:
            if case .list(let items) = rhs.kind {
                return grouped(lhs) + [" is one of "] + .joined(items.map(inlines), separator: ", ")
            }
            return raw(whole)
        case .add, .subtract:
            if case .call(let unit, let arguments) = rhs.kind, ["days", "months", "years"].contains(unit),
               arguments.count == 1 {
                return grouped(arguments[0]) + [.text(" \(unit) \(op == .subtract ? "before" : "after") ")] + grouped(lhs)
            }
            return raw(whole)
        case .multiply, .divide, .remainder:
            return raw(whole)
        }
    }

    /// An operand of `and`/`or`: bracketed when it is the other of the two, so that
    /// "a and (b or c)" keeps its meaning.
    private func operand(_ syntax: ExpressionSyntax, of op: BinaryOperator) -> [DocInline] {
        if case .binary(let inner, _, _) = syntax.kind, inner == .and || inner == .or, inner != op {
            return ["("] + inlines(syntax) + [")"]
        }
        return inlines(syntax)
    }

    /// A sub-expression that is not a single word group gets brackets.
    private func grouped(_ syntax: ExpressionSyntax) -> [DocInline] {
        switch syntax.kind {
        case .binary(let op, _, _) where op == .and || op == .or || op == .coalesce: ["("] + inlines(syntax) + [")"]
        default: inlines(syntax)
        }
    }

    private func raw(_ syntax: ExpressionSyntax) -> [DocInline] { [.code("\(syntax)")] }
}
