@testable import StatuteCore

// A plain, unoptimised expression parser and lexer: the reference the differential tests compare the current one with: same trees, spans and
// diagnostics. (The checker changed in small, local ways and is covered by its own tests.) Test-only; when the language itself changes, change this
// copy the same way (or delete it with its differential test).

/// A token of the expression language, with its range of Unicode scalar offsets.
struct RefExpressionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// An identifier or dotted name path (`a`, `program.require_approval`).
        case name(String)
        /// Integer digits; `nil` when they do not fit in an `Int`.
        case int(Int?)
        case string(String)
        /// A punctuation or operator symbol, or the keyword `in`.
        case symbol(RefExpressionSymbol)
        case end
    }

    let kind: Kind
    let range: Range<Int>
}

/// The symbols are the current lexer's (the table did not change); the previous lexer
/// looked them up by scalar.
typealias RefExpressionSymbol = ExpressionSymbol

extension ExpressionSymbol {
    /// The one-scalar symbol `s` is, if any.
    static func single(_ s: Unicode.Scalar) -> ExpressionSymbol? {
        s.isASCII ? single(UInt8(s.value)) : nil
    }

    /// The two-scalar symbol `a` and `b` make, if any.
    static func double(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> ExpressionSymbol? {
        a.isASCII && b.isASCII ? double(UInt8(a.value), UInt8(b.value)) : nil
    }
}

/// A lexing failure: message, offending scalar offsets and optional help.
struct RefExpressionLexError: Error {
    let message: String
    let range: Range<Int>
    var help: String?
}

/// Splits expression text into tokens, iteratively (no recursion).
struct RefExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    static func isNameStart(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_"
    }

    static func isNamePart(_ s: Unicode.Scalar) -> Bool {
        isNameStart(s) || isDigit(s)
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let i = position + ahead
        return i < scalars.count ? scalars[i] : nil
    }

    /// All tokens, ending with `.end`.
    mutating func tokenize() throws(RefExpressionLexError) -> [RefExpressionToken] {
        var tokens: [RefExpressionToken] = []
        tokens.reserveCapacity(scalars.count / 3 + 2)  // enough for most expressions at once
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(RefExpressionLexError) -> RefExpressionToken {
        while let s = peek(), s == " " || s == "\t" || s == "\n" || s == "\r" { position += 1 }
        let start = position
        guard let s = peek() else { return RefExpressionToken(kind: .end, range: start..<start) }
        if Self.isNameStart(s) { return try name() }
        if Self.isDigit(s) { return try number() }
        if s == "'" || s == "\"" { return try string(quote: s) }
        if let next = peek(1), let two = RefExpressionSymbol.double(s, next) {
            position += 2
            return RefExpressionToken(kind: .symbol(two), range: start..<position)
        }
        if let one = RefExpressionSymbol.single(s) {
            position += 1
            return RefExpressionToken(kind: .symbol(one), range: start..<position)
        }
        let single = String(s)
        let help: String? = switch single {
        case "=": "use `==` to compare"
        case "&": "use `&&` for logical and"
        case "|": "use `||` for logical or"
        default: nil
        }
        throw RefExpressionLexError(message: "unexpected character `\(single)`", range: start..<start + 1, help: help)
    }

    private mutating func name() throws(RefExpressionLexError) -> RefExpressionToken {
        let start = position
        while true {
            while let s = peek(), Self.isNamePart(s) { position += 1 }
            guard peek() == ".", let after = peek(1), Self.isNameStart(after) else { break }
            position += 1
        }
        if peek() == "." {
            throw RefExpressionLexError(message: "expected a name after `.`", range: position..<position + 1)
        }
        // Names are ASCII, so their scalars are their UTF-8 bytes.
        let text = String(unsafeUninitializedCapacity: position - start) { buffer in
            for i in start..<position { buffer[i - start] = UInt8(truncatingIfNeeded: scalars[i].value) }
            return position - start
        }
        let kind: RefExpressionToken.Kind = text == "in" ? .symbol(.in) : .name(text)
        return RefExpressionToken(kind: kind, range: start..<position)
    }

    private mutating func number() throws(RefExpressionLexError) -> RefExpressionToken {
        let start = position
        var value: Int? = 0
        while let s = peek(), Self.isDigit(s) {
            let digit = Int(s.value - 48)
            if let v = value {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(digit)
                value = o1 || o2 ? nil : a
            }
            position += 1
        }
        if let s = peek(), Self.isNamePart(s) || s == "." {
            throw RefExpressionLexError(message: "invalid number literal", range: start..<position + 1,
                                     help: s == "." ? "only whole numbers are supported" : nil)
        }
        return RefExpressionToken(kind: .int(value), range: start..<position)
    }

    private mutating func string(quote: Unicode.Scalar) throws(RefExpressionLexError) -> RefExpressionToken {
        let start = position
        position += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let s = peek() else {
                throw RefExpressionLexError(message: "unterminated string literal", range: start..<position,
                                         help: "add a closing `\(quote)`")
            }
            position += 1
            if s == quote { break }
            if s == "\\" {
                guard let e = peek() else { continue }
                switch e {
                case "\\": value.append("\\")
                case "'": value.append("'")
                case "\"": value.append("\"")
                case "n": value.append("\n")
                case "t": value.append("\t")
                default:
                    throw RefExpressionLexError(message: "unknown escape `\\\(e)` in string literal",
                                             range: position - 1..<position + 1,
                                             help: "the escapes are `\\\\`, `\\'`, `\\\"`, `\\n` and `\\t`")
                }
                position += 1
            } else {
                value.append(s)
            }
        }
        return RefExpressionToken(kind: .string(String(value)), range: start..<position)
    }
}
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
enum RefExpressionParser {
    /// Parses `source`; `nil` and one diagnostic when it is not a well-formed expression
    /// within `limits`.
    static func parse(_ source: EmbeddedText,
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
        let tokens: [RefExpressionToken]
        do {
            var lexer = RefExpressionLexer(scalars)
            tokens = try lexer.tokenize()
        } catch {
            return (nil, [.error(.expressionSyntax, error.message, at: source.span(scalarOffsets: error.range),
                                 help: error.help)])
        }
        var parser = RefParser(source: source, tokens: tokens, limits: limits)
        do {
            let result = try parser.parseWhole()
            return (result.syntax, [])
        } catch {
            return (nil, [error.diagnostic])
        }
    }
}

fileprivate struct RefParseFailure: Error {
    let diagnostic: Diagnostic
}

/// A parsed node with its scalar range and tree depth.
fileprivate struct RefParsed {
    let syntax: ExpressionSyntax
    let range: Range<Int>
    let depth: Int
}

fileprivate struct RefParser {
    let source: EmbeddedText
    let tokens: [RefExpressionToken]
    let limits: ExpressionLimits
    var index = 0

    init(source: EmbeddedText, tokens: [RefExpressionToken], limits: ExpressionLimits) {
        self.source = source
        self.tokens = tokens
        self.limits = limits
    }

    var current: RefExpressionToken { tokens[index] }

    func span(_ range: Range<Int>) -> SourceSpan { source.span(scalarOffsets: range) }

    func isSymbol(_ symbol: RefExpressionSymbol) -> Bool {
        if case .symbol(let s) = current.kind { return s == symbol }
        return false
    }

    func fail(_ message: String, at range: Range<Int>, help: String? = nil) -> RefParseFailure {
        RefParseFailure(diagnostic: .error(.expressionSyntax, message, at: span(range), help: help))
    }

    func describe(_ token: RefExpressionToken) -> String {
        switch token.kind {
        case .end: "end of expression"
        case .name(let n): "`\(n)`"
        case .int: "number"
        case .string: "string"
        case .symbol(let s): "`\(s.rawValue)`"
        }
    }

    func tooDeep(_ range: Range<Int>) -> RefParseFailure {
        RefParseFailure(diagnostic: .error(.expressionTooDeep,
                                        "expression nests more than \(limits.maxDepth) levels deep",
                                        at: span(range), help: "split it into derived values"))
    }

    /// Guards every recursive entry: `depth` counts the levels of nesting so far.
    func enter(_ depth: Int) throws(RefParseFailure) {
        if depth > limits.maxDepth { throw tooDeep(current.range) }
    }

    /// Builds a node covering `range` one level above its deepest child (`childDepth`, 0
    /// for a leaf), checking tree depth.
    mutating func node(_ kind: ExpressionSyntax.Kind, _ range: Range<Int>, childDepth: Int = 0) throws(RefParseFailure) -> RefParsed {
        let depth = 1 + childDepth
        if depth > limits.maxDepth { throw tooDeep(range) }
        return RefParsed(syntax: ExpressionSyntax(kind, span: span(range)), range: range, depth: depth)
    }

    mutating func expect(_ symbol: RefExpressionSymbol, after what: String) throws(RefParseFailure) -> RefExpressionToken {
        guard isSymbol(symbol) else {
            throw fail("expected `\(symbol.rawValue)` \(what), found \(describe(current))", at: current.range,
                       help: wordOperatorHelp(current))
        }
        defer { index += 1 }
        return current
    }

    mutating func parseWhole() throws(RefParseFailure) -> RefParsed {
        if current.kind == .end { throw fail("expected an expression", at: current.range) }
        let result = try parseExpression(depth: 1)
        if current.kind != .end {
            throw fail("unexpected \(describe(current)) after the expression", at: current.range,
                       help: wordOperatorHelp(current) ?? wordOperatorHelp(tokens[index - 1]))
        }
        return result
    }

    /// Words other languages use for logic (`and`, `or`, `not`) are not operators here.
    func wordOperatorHelp(_ token: RefExpressionToken) -> String? {
        guard case .name(let word) = token.kind else { return nil }
        switch word.lowercased() {
        case "and": return "use `&&` for “and”: `a && b`"
        case "or": return "use `||` for “or”: `a || b`"
        case "not": return "use `!` for “not”: `!a`"
        default: return nil
        }
    }

    /// `c ? a : b`, right-associative.
    mutating func parseExpression(depth: Int) throws(RefParseFailure) -> RefParsed {
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
    mutating func parseCoalesce(depth: Int) throws(RefParseFailure) -> RefParsed {
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
    mutating func parseBinary(minimum: Int, depth: Int) throws(RefParseFailure) -> RefParsed {
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

    mutating func parseUnary(depth: Int) throws(RefParseFailure) -> RefParsed {
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

    mutating func parsePrimary(depth: Int) throws(RefParseFailure) -> RefParsed {
        let token = current
        switch token.kind {
        case .int(let value):
            index += 1
            guard let value else {
                throw RefParseFailure(diagnostic: .error(.integerOverflow, "integer literal is too large",
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
    mutating func parseItems(closing: RefExpressionSymbol, depth: Int) throws(RefParseFailure) -> ([RefParsed], RefExpressionToken) {
        try enter(depth)
        var items: [RefParsed] = []
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
