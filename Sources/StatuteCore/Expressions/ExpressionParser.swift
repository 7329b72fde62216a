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
///
/// Tokens are read on demand from the text's UTF-8 bytes. A text with a lexical error
/// reports that error (the first one), even where the parser would have stopped earlier:
/// after a syntax error the rest of the text is still lexed, so that the diagnostic is
/// the same as if the whole text had been split into tokens first.
package enum ExpressionParser {
    /// Parses `source`; `nil` and one diagnostic when it is not a well-formed expression
    /// within `limits`.
    package static func parse(_ source: EmbeddedText,
                             limits: ExpressionLimits = ExpressionLimits()) -> (ExpressionSyntax?, [Diagnostic]) {
        var text = source.text
        return text.withUTF8 { bytes in
            var shape: SyntaxShape.Builder?
            return parse(bytes, source: source, limits: limits, shape: &shape)
        }
    }

    /// ``parse(_:limits:)``, and the tree packed as it is parsed (``SyntaxShape``).
    package static func parseShaped(_ source: EmbeddedText,
                                    limits: ExpressionLimits) -> ((ExpressionSyntax, SyntaxShape)?, [Diagnostic]) {
        var text = source.text
        return text.withUTF8 { bytes in
            var shape: SyntaxShape.Builder? = SyntaxShape.Builder(capacity: bytes.count + 8)
            let (syntax, diagnostics) = parse(bytes, source: source, limits: limits, shape: &shape)
            guard let syntax, let shape else { return (nil, diagnostics) }
            return ((syntax, shape.shape), diagnostics)
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: EmbeddedText, limits: ExpressionLimits,
                              shape: inout SyntaxShape.Builder?) -> (ExpressionSyntax?, [Diagnostic]) {
        // A text of at most `maxLength` bytes has at most as many scalars: count only longer ones.
        if bytes.count > limits.maxLength {
            var count = 0
            for b in bytes where b & 0xC0 != 0x80 { count += 1 }
            if count > limits.maxLength {
                return (nil, [.error(.expressionTooLong,
                                     "expression is \(count) characters long, more than the limit of \(limits.maxLength)",
                                     at: source.span(scalarOffsets: 0..<min(count, limits.maxLength)),
                                     help: "split it into derived values")])
            }
        }
        var parser = Parser(source: source, lexer: ExpressionLexer(bytes), limits: limits, shape: shape.take())
        do throws(ParseFailure) {
            try parser.advance()
            let result = try parser.parseWhole()
            shape = parser.shape.take()
            return (result.syntax, [])
        } catch {
            guard !error.lexical else { return (nil, [error.diagnostic]) }
            // A lexical error later in the text takes precedence over a syntax error.
            while true {
                do throws(ExpressionLexError) {
                    if try parser.lexer.next().isEnd { break }
                } catch {
                    return (nil, [Parser.diagnostic(error, in: source)])
                }
            }
            return (nil, [error.diagnostic])
        }
    }
}

private struct ParseFailure: Error {
    let diagnostic: Diagnostic
    var lexical = false
}

/// A parsed node with its scalar offsets and tree depth.
private struct Parsed {
    let syntax: ExpressionSyntax
    let start: Int
    let end: Int
    let depth: Int
}

private struct Parser {
    let source: EmbeddedText
    var lexer: ExpressionLexer
    let limits: ExpressionLimits
    /// The token being looked at.
    var current = ExpressionToken.none
    /// The token before it (for the help after a stray word).
    var previous = ExpressionToken.none

    /// The tree packed node by node, when asked for.
    var shape: SyntaxShape.Builder?

    init(source: EmbeddedText, lexer: ExpressionLexer, limits: ExpressionLimits, shape: SyntaxShape.Builder?) {
        self.source = source
        self.lexer = lexer
        self.limits = limits
        self.shape = shape
    }

    static func diagnostic(_ error: ExpressionLexError, in source: EmbeddedText) -> Diagnostic {
        .error(.expressionSyntax, error.message, at: source.span(scalarOffsets: error.range), help: error.help)
    }

    /// Moves to the next token.
    mutating func advance() throws(ParseFailure) {
        previous = current
        do throws(ExpressionLexError) {
            current = try lexer.next()
        } catch {
            throw ParseFailure(diagnostic: Self.diagnostic(error, in: source), lexical: true)
        }
    }

    func span(_ start: Int, _ end: Int) -> SourceSpan { source.span(scalarOffsets: start..<end) }

    func isSymbol(_ symbol: ExpressionSymbol) -> Bool {
        if case .symbol(let s) = current.kind { return s == symbol }
        return false
    }

    func fail(_ message: String, at token: ExpressionToken, help: String? = nil) -> ParseFailure {
        ParseFailure(diagnostic: .error(.expressionSyntax, message, at: span(token.start, token.end), help: help))
    }

    func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .end: "end of expression"
        case .name: "`\(lexer.text(of: token))`"
        case .int: "number"
        case .string: "string"
        case .symbol(let s): "`\(s.rawValue)`"
        }
    }

    func tooDeep(_ start: Int, _ end: Int) -> ParseFailure {
        ParseFailure(diagnostic: .error(.expressionTooDeep,
                                        "expression nests more than \(limits.maxDepth) levels deep",
                                        at: span(start, end), help: "split it into derived values"))
    }

    /// Guards every recursive entry: `depth` counts the levels of nesting so far.
    @inline(__always)
    func enter(_ depth: Int) throws(ParseFailure) {
        if depth > limits.maxDepth { throw tooDeep(current.start, current.end) }
    }

    /// Builds a node covering `start..<end` one level above its deepest child
    /// (`childDepth`, 0 for a leaf), checking tree depth.
    mutating func node(_ kind: ExpressionSyntax.Kind, _ start: Int, _ end: Int,
                       childDepth: Int = 0) throws(ParseFailure) -> Parsed {
        let depth = 1 + childDepth
        if depth > limits.maxDepth { throw tooDeep(start, end) }
        if shape != nil { pack(kind, start, end) }
        return Parsed(syntax: ExpressionSyntax(kind, span: span(start, end)), start: start, end: end, depth: depth)
    }

    /// Adds a node to ``shape``: its children, parsed before it, are there already.
    mutating func pack(_ kind: ExpressionSyntax.Kind, _ start: Int, _ end: Int) {
        switch kind {
        case .literal(let value): shape?.literal(value, start, end)
        case .name(var name): name.withUTF8 { shape?.name($0, start, end) }
        case .list(let items): shape?.list(count: items.count, start, end)
        case .unary(let op, _): shape?.unary(op, start, end)
        case .binary(let op, _, _): shape?.binary(op, start, end)
        case .conditional: shape?.conditional(start, end)
        case .call(var name, let arguments): name.withUTF8 { shape?.call($0, count: arguments.count, start, end) }
        }
    }

    mutating func expect(_ symbol: ExpressionSymbol, after what: String) throws(ParseFailure) -> ExpressionToken {
        guard isSymbol(symbol) else {
            throw fail("expected `\(symbol.rawValue)` \(what), found \(describe(current))", at: current,
                       help: wordOperatorHelp(current))
        }
        let token = current
        try advance()
        return token
    }

    mutating func parseWhole() throws(ParseFailure) -> Parsed {
        if current.isEnd { throw fail("expected an expression", at: current) }
        let result = try parseExpression(depth: 1)
        if !current.isEnd {
            throw fail("unexpected \(describe(current)) after the expression", at: current,
                       help: wordOperatorHelp(current) ?? wordOperatorHelp(previous))
        }
        return result
    }

    /// Words other languages use for logic (`and`, `or`, `not`) are not operators here.
    func wordOperatorHelp(_ token: ExpressionToken) -> String? {
        guard token.isName else { return nil }
        switch lexer.text(of: token).lowercased() {
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
        try advance()
        let then = try parseExpression(depth: depth + 1)
        _ = try expect(.colon, after: "in the conditional `?:`")
        let otherwise = try parseExpression(depth: depth + 1)
        return try node(.conditional(condition.syntax, then.syntax, otherwise.syntax),
                        condition.start, otherwise.end,
                        childDepth: max(condition.depth, then.depth, otherwise.depth))
    }

    /// `a ?? b`, right-associative.
    mutating func parseCoalesce(depth: Int) throws(ParseFailure) -> Parsed {
        try enter(depth)
        let lhs = try parseBinary(minimum: BinaryOperator.or.precedence, depth: depth)
        guard isSymbol(.coalesce) else { return lhs }
        try advance()
        let rhs = try parseCoalesce(depth: depth + 1)
        return try node(.binary(.coalesce, lhs.syntax, rhs.syntax), lhs.start, rhs.end,
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
            try advance()
            let rhs = try parseBinary(minimum: op.precedence + 1, depth: depth + 1)
            lhs = try node(.binary(op, lhs.syntax, rhs.syntax), lhs.start, rhs.end,
                           childDepth: max(lhs.depth, rhs.depth))
        }
        return lhs
    }

    mutating func parseUnary(depth: Int) throws(ParseFailure) -> Parsed {
        try enter(depth)
        let op: UnaryOperator? = switch current.kind {
        case .symbol(.bang): .not
        case .symbol(.minus): .negate
        default: nil
        }
        guard let op else { return try parsePrimary(depth: depth) }
        let start = current.start
        try advance()
        let operand = try parseUnary(depth: depth + 1)
        return try node(.unary(op, operand.syntax), start, operand.end, childDepth: operand.depth)
    }

    mutating func parsePrimary(depth: Int) throws(ParseFailure) -> Parsed {
        let token = current
        switch token.kind {
        case .int(let value):
            guard let value else {
                throw ParseFailure(diagnostic: .error(.integerOverflow, "integer literal is too large",
                                                      at: span(token.start, token.end),
                                                      help: "the largest integer is \(Int.max)"))
            }
            try advance()
            return try node(.literal(.int(value)), token.start, token.end)
        case .string:
            let value = lexer.stringValue
            try advance()
            return try node(.literal(.string(value)), token.start, token.end)
        case .name:
            try advance()
            if lexer.token(token, is: "true") { return try node(.literal(.bool(true)), token.start, token.end) }
            if lexer.token(token, is: "false") { return try node(.literal(.bool(false)), token.start, token.end) }
            if lexer.token(token, is: "null") { return try node(.literal(.null), token.start, token.end) }
            let name = lexer.text(of: token)
            guard isSymbol(.openParen) else { return try node(.name(name), token.start, token.end) }
            try advance()
            let (arguments, depth, end) = try parseItems(closing: .closeParen, depth: depth + 1)
            return try node(.call(name, arguments), token.start, end, childDepth: depth)
        case .symbol(.openParen):
            try advance()
            let inner = try parseExpression(depth: depth + 1)
            _ = try expect(.closeParen, after: "to close `(`")
            return inner
        case .symbol(.openBracket):
            try advance()
            let (items, depth, end) = try parseItems(closing: .closeBracket, depth: depth + 1)
            return try node(.list(items), token.start, end, childDepth: depth)
        case .end:
            throw fail("expected an expression, found end of expression", at: token)
        case .symbol:
            throw fail("expected an expression, found \(describe(token))", at: token)
        }
    }

    /// Comma-separated expressions up to `closing` (already past the opening bracket):
    /// the items, their greatest depth and the scalar offset past the closing bracket.
    mutating func parseItems(closing: ExpressionSymbol,
                             depth: Int) throws(ParseFailure) -> ([ExpressionSyntax], Int, Int) {
        try enter(depth)
        if isSymbol(closing) {
            let end = current.end
            try advance()
            return ([], 0, end)
        }
        var items: [ExpressionSyntax] = []
        items.reserveCapacity(2)  // most calls take one or two arguments: one allocation
        var deepest = 0
        while true {
            let item = try parseExpression(depth: depth)
            items.append(item.syntax)
            deepest = max(deepest, item.depth)
            if isSymbol(.comma) {
                try advance()
                continue
            }
            let close = try expect(closing, after: "or `,` after an item")
            return (items, deepest, close.end)
        }
    }
}
