/// Parses expression text into an ``ExpressionSyntax`` tree.
///
/// Precedence, loosest first: `?:` (right-associative); `??` (right-associative); `||`;
/// `&&`; `==` `!=`; `<` `<=` `>` `>=` `in`; `+` `-`; `*` `/` `%`; unary `!` `-`;
/// calls; parentheses.
///
/// Hostile input cannot exhaust the stack: the length limit is checked before lexing,
/// and the parser counts its nesting as it recurses, stopping with
/// `expression-too-deep` once ``ExpressionLimits/maxDepth`` is passed. The depth of the
/// resulting tree (which bounds recursion during checking and evaluation) is held to
/// the same limit.
package enum ExpressionParser {
    /// Parses `source`; `nil` and one diagnostic when it is not a well-formed expression
    /// within `limits`.
    package static func parse(_ source: EmbeddedText,
                             limits: ExpressionLimits = ExpressionLimits()) -> (ExpressionSyntax?, [Diagnostic]) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(source.text.utf8.count)  // one pass, no separate count
        for scalar in source.text.unicodeScalars { scalars.append(scalar) }
        if scalars.count > limits.maxLength {
            return (nil, [.error(.expressionTooLong,
                                 "expression is \(scalars.count) characters long, more than the limit of \(limits.maxLength)",
                                 at: source.span(scalarOffsets: 0..<min(scalars.count, limits.maxLength)),
                                 help: "split it into derived values")])
        }
        let tokens: [ExpressionToken]
        do {
            var lexer = ExpressionLexer(scalars)
            tokens = try lexer.tokenize()
        } catch {
            return (nil, [.error(.expressionSyntax, error.message, at: source.span(scalarOffsets: error.range),
                                 help: error.help)])
        }
        var parser = Parser(source: source, tokens: tokens, limits: limits)
        do {
            let result = try parser.parseWhole()
            return (result.syntax, [])
        } catch {
            return (nil, [error.diagnostic])
        }
    }
}

private struct ParseFailure: Error {
    let diagnostic: Diagnostic
}

/// A parsed node with its scalar range and tree depth.
private struct Parsed {
    let syntax: ExpressionSyntax
    let range: Range<Int>
    let depth: Int
}

private struct Parser {
    let source: EmbeddedText
    let tokens: [ExpressionToken]
    let limits: ExpressionLimits
    var index = 0

    init(source: EmbeddedText, tokens: [ExpressionToken], limits: ExpressionLimits) {
        self.source = source
        self.tokens = tokens
        self.limits = limits
    }

    var current: ExpressionToken { tokens[index] }

    func span(_ range: Range<Int>) -> SourceSpan { source.span(scalarOffsets: range) }

    func isSymbol(_ symbol: ExpressionSymbol) -> Bool {
        if case .symbol(let s) = current.kind { return s == symbol }
        return false
    }

    func fail(_ message: String, at range: Range<Int>, help: String? = nil) -> ParseFailure {
        ParseFailure(diagnostic: .error(.expressionSyntax, message, at: span(range), help: help))
    }

    func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .end: "end of expression"
        case .name(let n): "`\(n)`"
        case .int: "number"
        case .string: "string"
        case .symbol(let s): "`\(s.rawValue)`"
        }
    }

    func tooDeep(_ range: Range<Int>) -> ParseFailure {
        ParseFailure(diagnostic: .error(.expressionTooDeep,
                                        "expression nests more than \(limits.maxDepth) levels deep",
                                        at: span(range), help: "split it into derived values"))
    }

    /// Guards every recursive entry: `depth` counts the levels of nesting so far.
    func enter(_ depth: Int) throws(ParseFailure) {
        if depth > limits.maxDepth { throw tooDeep(current.range) }
    }

    /// Builds a node covering `range` one level above its deepest child (`childDepth`, 0
    /// for a leaf), checking tree depth.
    mutating func node(_ kind: ExpressionSyntax.Kind, _ range: Range<Int>, childDepth: Int = 0) throws(ParseFailure) -> Parsed {
        let depth = 1 + childDepth
        if depth > limits.maxDepth { throw tooDeep(range) }
        return Parsed(syntax: ExpressionSyntax(kind, span: span(range)), range: range, depth: depth)
    }

    mutating func expect(_ symbol: ExpressionSymbol, after what: String) throws(ParseFailure) -> ExpressionToken {
        guard isSymbol(symbol) else {
            throw fail("expected `\(symbol.rawValue)` \(what), found \(describe(current))", at: current.range,
                       help: wordOperatorHelp(current))
        }
        defer { index += 1 }
        return current
    }

    mutating func parseWhole() throws(ParseFailure) -> Parsed {
        if current.kind == .end { throw fail("expected an expression", at: current.range) }
        let result = try parseExpression(depth: 1)
        if current.kind != .end {
            throw fail("unexpected \(describe(current)) after the expression", at: current.range,
                       help: wordOperatorHelp(current) ?? wordOperatorHelp(tokens[index - 1]))
        }
        return result
    }

    /// Words other languages use for logic (`and`, `or`, `not`) are not operators here.
    func wordOperatorHelp(_ token: ExpressionToken) -> String? {
        guard case .name(let word) = token.kind else { return nil }
        switch word.lowercased() {
        case "and": return "use `&&` for “and”: `a && b`"
        case "or": return "use `||` for “or”: `a || b`"
        case "not": return "use `!` for “not”: `!a`"
        default: return nil
        }
    }

    /// `c ? a : b`, right-associative.
    mutating func parseExpression(depth: Int) throws(ParseFailure) -> Parsed {
        try enter(depth)
        let condition = try parseCoalesce(depth: depth)
        guard isSymbol(.question) else { return condition }
        index += 1
        let then = try parseExpression(depth: depth + 1)
        _ = try expect(.colon, after: "in the conditional `?:`")
        let otherwise = try parseExpression(depth: depth + 1)
        return try node(.conditional(condition.syntax, then.syntax, otherwise.syntax),
                        condition.range.lowerBound..<otherwise.range.upperBound,
                        childDepth: max(condition.depth, then.depth, otherwise.depth))
    }

    /// `a ?? b`, right-associative.
    mutating func parseCoalesce(depth: Int) throws(ParseFailure) -> Parsed {
        try enter(depth)
        let lhs = try parseBinary(minimum: BinaryOperator.or.precedence, depth: depth)
        guard isSymbol(.coalesce) else { return lhs }
        index += 1
        let rhs = try parseCoalesce(depth: depth + 1)
        return try node(.binary(.coalesce, lhs.syntax, rhs.syntax), lhs.range.lowerBound..<rhs.range.upperBound,
                        childDepth: max(lhs.depth, rhs.depth))
    }

    func binaryOperator() -> BinaryOperator? {
        guard case .symbol(let s) = current.kind, s != .coalesce, let op = s.binaryOperator else { return nil }
        return op
    }

    /// Left-associative operators from `||` to `*`, by precedence climbing.
    mutating func parseBinary(minimum: Int, depth: Int) throws(ParseFailure) -> Parsed {
        try enter(depth)
        var lhs = try parseUnary(depth: depth)
        while let op = binaryOperator(), op.precedence >= minimum {
            index += 1
            let rhs = try parseBinary(minimum: op.precedence + 1, depth: depth + 1)
            lhs = try node(.binary(op, lhs.syntax, rhs.syntax), lhs.range.lowerBound..<rhs.range.upperBound,
                           childDepth: max(lhs.depth, rhs.depth))
        }
        return lhs
    }

    mutating func parseUnary(depth: Int) throws(ParseFailure) -> Parsed {
        try enter(depth)
        let token = current
        let op: UnaryOperator? = switch token.kind {
        case .symbol(.bang): .not
        case .symbol(.minus): .negate
        default: nil
        }
        guard let op else { return try parsePrimary(depth: depth) }
        index += 1
        let operand = try parseUnary(depth: depth + 1)
        return try node(.unary(op, operand.syntax), token.range.lowerBound..<operand.range.upperBound,
                        childDepth: operand.depth)
    }

    mutating func parsePrimary(depth: Int) throws(ParseFailure) -> Parsed {
        let token = current
        switch token.kind {
        case .int(let value):
            index += 1
            guard let value else {
                throw ParseFailure(diagnostic: .error(.integerOverflow, "integer literal is too large",
                                                      at: span(token.range),
                                                      help: "the largest integer is \(Int.max)"))
            }
            return try node(.literal(.int(value)), token.range)
        case .string(let value):
            index += 1
            return try node(.literal(.string(value)), token.range)
        case .name(let name):
            index += 1
            switch name {
            case "true": return try node(.literal(.bool(true)), token.range)
            case "false": return try node(.literal(.bool(false)), token.range)
            case "null": return try node(.literal(.null), token.range)
            default: break
            }
            guard isSymbol(.openParen) else { return try node(.name(name), token.range) }
            index += 1
            let (arguments, close) = try parseItems(closing: .closeParen, depth: depth + 1)
            return try node(.call(name, arguments.map(\.syntax)), token.range.lowerBound..<close.range.upperBound,
                            childDepth: arguments.reduce(0) { max($0, $1.depth) })
        case .symbol(.openParen):
            index += 1
            let inner = try parseExpression(depth: depth + 1)
            _ = try expect(.closeParen, after: "to close `(`")
            return inner
        case .symbol(.openBracket):
            index += 1
            let (items, close) = try parseItems(closing: .closeBracket, depth: depth + 1)
            return try node(.list(items.map(\.syntax)), token.range.lowerBound..<close.range.upperBound,
                            childDepth: items.reduce(0) { max($0, $1.depth) })
        case .end:
            throw fail("expected an expression, found end of expression", at: token.range)
        case .symbol:
            throw fail("expected an expression, found \(describe(token))", at: token.range)
        }
    }

    /// Comma-separated expressions up to `closing` (already past the opening bracket).
    mutating func parseItems(closing: ExpressionSymbol, depth: Int) throws(ParseFailure) -> ([Parsed], ExpressionToken) {
        try enter(depth)
        var items: [Parsed] = []
        if isSymbol(closing) {
            defer { index += 1 }
            return (items, current)
        }
        while true {
            items.append(try parseExpression(depth: depth))
            if isSymbol(.comma) {
                index += 1
                continue
            }
            let close = try expect(closing, after: "or `,` after an item")
            return (items, close)
        }
    }
}
