/// A token of the expression language, with its range of Unicode scalar offsets.
struct ExpressionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// An identifier or dotted name path (`a`, `program.require_approval`).
        case name(String)
        /// Integer digits; `nil` when they do not fit in an `Int`.
        case int(Int?)
        case string(String)
        /// A punctuation or operator symbol, or the keyword `in`.
        case symbol(ExpressionSymbol)
        case end
    }

    let kind: Kind
    let range: Range<Int>
}

/// The punctuation and operator symbols of the expression language, and the keyword `in`.
enum ExpressionSymbol: String, Hashable, Sendable {
    case question = "?", colon = ":", less = "<", greater = ">", plus = "+", minus = "-", star = "*"
    case slash = "/", percent = "%", bang = "!", openParen = "(", closeParen = ")", openBracket = "["
    case closeBracket = "]", comma = ","
    case coalesce = "??", or = "||", and = "&&", equal = "==", notEqual = "!=", lessOrEqual = "<="
    case greaterOrEqual = ">=", `in` = "in"

    /// The infix operator this symbol is, if any (`??` included).
    var binaryOperator: BinaryOperator? {
        switch self {
        case .coalesce: .coalesce
        case .or: .or
        case .and: .and
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        case .in: .in
        case .plus: .add
        case .minus: .subtract
        case .star: .multiply
        case .slash: .divide
        case .percent: .remainder
        default: nil
        }
    }

    /// The one-scalar symbol `s` is, if any.
    static func single(_ s: Unicode.Scalar) -> ExpressionSymbol? {
        switch s {
        case "?": .question
        case ":": .colon
        case "<": .less
        case ">": .greater
        case "+": .plus
        case "-": .minus
        case "*": .star
        case "/": .slash
        case "%": .percent
        case "!": .bang
        case "(": .openParen
        case ")": .closeParen
        case "[": .openBracket
        case "]": .closeBracket
        case ",": .comma
        default: nil
        }
    }

    /// The two-scalar symbol `a` and `b` make, if any.
    static func double(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> ExpressionSymbol? {
        switch (a, b) {
        case ("?", "?"): .coalesce
        case ("|", "|"): .or
        case ("&", "&"): .and
        case ("=", "="): .equal
        case ("!", "="): .notEqual
        case ("<", "="): .lessOrEqual
        case (">", "="): .greaterOrEqual
        default: nil
        }
    }
}

/// A lexing failure: message, offending scalar offsets and optional help.
struct ExpressionLexError: Error {
    let message: String
    let range: Range<Int>
    var help: String?
}

/// Splits expression text into tokens, iteratively (no recursion).
struct ExpressionLexer {
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
    mutating func tokenize() throws(ExpressionLexError) -> [ExpressionToken] {
        var tokens: [ExpressionToken] = []
        tokens.reserveCapacity(scalars.count / 3 + 2)  // enough for most expressions at once
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(ExpressionLexError) -> ExpressionToken {
        while let s = peek(), s == " " || s == "\t" || s == "\n" || s == "\r" { position += 1 }
        let start = position
        guard let s = peek() else { return ExpressionToken(kind: .end, range: start..<start) }
        if Self.isNameStart(s) { return try name() }
        if Self.isDigit(s) { return try number() }
        if s == "'" || s == "\"" { return try string(quote: s) }
        if let next = peek(1), let two = ExpressionSymbol.double(s, next) {
            position += 2
            return ExpressionToken(kind: .symbol(two), range: start..<position)
        }
        if let one = ExpressionSymbol.single(s) {
            position += 1
            return ExpressionToken(kind: .symbol(one), range: start..<position)
        }
        let single = String(s)
        let help: String? = switch single {
        case "=": "use `==` to compare"
        case "&": "use `&&` for logical and"
        case "|": "use `||` for logical or"
        default: nil
        }
        throw ExpressionLexError(message: "unexpected character `\(single)`", range: start..<start + 1, help: help)
    }

    private mutating func name() throws(ExpressionLexError) -> ExpressionToken {
        let start = position
        while true {
            while let s = peek(), Self.isNamePart(s) { position += 1 }
            guard peek() == ".", let after = peek(1), Self.isNameStart(after) else { break }
            position += 1
        }
        if peek() == "." {
            throw ExpressionLexError(message: "expected a name after `.`", range: position..<position + 1)
        }
        // Names are ASCII, so their scalars are their UTF-8 bytes.
        let text = String(unsafeUninitializedCapacity: position - start) { buffer in
            for i in start..<position { buffer[i - start] = UInt8(truncatingIfNeeded: scalars[i].value) }
            return position - start
        }
        let kind: ExpressionToken.Kind = text == "in" ? .symbol(.in) : .name(text)
        return ExpressionToken(kind: kind, range: start..<position)
    }

    private mutating func number() throws(ExpressionLexError) -> ExpressionToken {
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
            throw ExpressionLexError(message: "invalid number literal", range: start..<position + 1,
                                     help: s == "." ? "only whole numbers are supported" : nil)
        }
        return ExpressionToken(kind: .int(value), range: start..<position)
    }

    private mutating func string(quote: Unicode.Scalar) throws(ExpressionLexError) -> ExpressionToken {
        let start = position
        position += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let s = peek() else {
                throw ExpressionLexError(message: "unterminated string literal", range: start..<position,
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
                    throw ExpressionLexError(message: "unknown escape `\\\(e)` in string literal",
                                             range: position - 1..<position + 1,
                                             help: "the escapes are `\\\\`, `\\'`, `\\\"`, `\\n` and `\\t`")
                }
                position += 1
            } else {
                value.append(s)
            }
        }
        return ExpressionToken(kind: .string(String(value)), range: start..<position)
    }
}
