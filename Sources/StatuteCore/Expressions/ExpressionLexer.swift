/// A token of the expression language: what it is and where, in Unicode scalar offsets.
///
/// A name's text is not copied out: it is the ASCII bytes `byteStart..<byteStart + (end - start)`
/// of the expression, turned into a `String` only when the parser puts it in a tree.
struct ExpressionToken: Sendable {
    enum Kind: Sendable {
        /// An identifier or dotted name path (`a`, `program.require_approval`).
        case name
        /// Integer digits; `nil` when they do not fit in an `Int`.
        case int(Int?)
        /// A string literal; its value is the lexer's ``ExpressionLexer/stringValue`` while
        /// it is the latest token read (so that a token is plain data, copied without
        /// reference counting).
        case string
        /// A punctuation or operator symbol, or the keyword `in`.
        case symbol(ExpressionSymbol)
        case end
    }

    var kind: Kind
    /// Scalar offsets of the token's first scalar and just past its last.
    var start: Int
    var end: Int
    /// Byte offset of the token's first byte.
    var byteStart: Int

    static let none = ExpressionToken(kind: .end, start: 0, end: 0, byteStart: 0)

    var range: Range<Int> { start..<end }

    var isName: Bool { if case .name = kind { true } else { false } }
    var isEnd: Bool { if case .end = kind { true } else { false } }
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

    /// The one-byte symbol `b` is, if any.
    static func single(_ b: UInt8) -> ExpressionSymbol? {
        switch b {
        case UInt8(ascii: "?"): .question
        case UInt8(ascii: ":"): .colon
        case UInt8(ascii: "<"): .less
        case UInt8(ascii: ">"): .greater
        case UInt8(ascii: "+"): .plus
        case UInt8(ascii: "-"): .minus
        case UInt8(ascii: "*"): .star
        case UInt8(ascii: "/"): .slash
        case UInt8(ascii: "%"): .percent
        case UInt8(ascii: "!"): .bang
        case UInt8(ascii: "("): .openParen
        case UInt8(ascii: ")"): .closeParen
        case UInt8(ascii: "["): .openBracket
        case UInt8(ascii: "]"): .closeBracket
        case UInt8(ascii: ","): .comma
        default: nil
        }
    }

    /// The two-byte symbol `a` and `b` make, if any.
    static func double(_ a: UInt8, _ b: UInt8) -> ExpressionSymbol? {
        switch (a, b) {
        case (UInt8(ascii: "?"), UInt8(ascii: "?")): .coalesce
        case (UInt8(ascii: "|"), UInt8(ascii: "|")): .or
        case (UInt8(ascii: "&"), UInt8(ascii: "&")): .and
        case (UInt8(ascii: "="), UInt8(ascii: "=")): .equal
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): .notEqual
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): .lessOrEqual
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): .greaterOrEqual
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

/// Reads tokens one at a time, on demand, straight from the expression's UTF-8 bytes
/// (no recursion, no token array, no scalar array).
///
/// Hand-written because it is the core of the product's own language and runs once per
/// expression of every policy loaded. Everything outside string literals is ASCII (any
/// other scalar is an error there), so a byte offset there is a scalar offset once the
/// UTF-8 continuation bytes met inside earlier string literals are taken off (`extra`).
struct ExpressionLexer {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offset of the next byte to read.
    private var position = 0
    /// UTF-8 continuation bytes read so far: scalar offset = byte offset - `extra`.
    private var extra = 0
    /// The value of the latest string literal read.
    private(set) var stringValue = ""

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    @inline(__always)
    static func isNameStart(_ b: UInt8) -> Bool {
        (b &- UInt8(ascii: "a")) < 26 || (b &- UInt8(ascii: "A")) < 26 || b == UInt8(ascii: "_")
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { (b &- UInt8(ascii: "0")) < 10 }

    @inline(__always)
    static func isNamePart(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }

    /// The byte `ahead` bytes on, or 0 past the end (0 is never part of a token).
    @inline(__always)
    private func peek(_ ahead: Int = 0) -> UInt8 {
        let i = position + ahead
        return i < bytes.count ? bytes[i] : 0
    }

    private var scalarOffset: Int { position - extra }

    /// The text of the ASCII bytes `start..<end` (a name).
    func text(bytes start: Int, count: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + count]), as: UTF8.self)
    }

    /// The text of a name token.
    func text(of token: ExpressionToken) -> String {
        text(bytes: token.byteStart, count: token.end - token.start)
    }

    /// Whether the name token `token` is spelled `word` (ASCII).
    func token(_ token: ExpressionToken, is word: StaticString) -> Bool {
        let count = token.end - token.start
        guard count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<count where bytes[token.byteStart + i] != w[i] { return false }
        return true
    }

    /// The next token; `.end` (again and again) at the end of the text.
    mutating func next() throws(ExpressionLexError) -> ExpressionToken {
        var b = peek()
        while b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
            position += 1
            b = peek()
        }
        let byteStart = position
        let start = scalarOffset
        guard position < bytes.count else {
            return ExpressionToken(kind: .end, start: start, end: start, byteStart: byteStart)
        }
        if Self.isNameStart(b) { return try name(start: start) }
        if Self.isDigit(b) { return try number(start: start) }
        if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") { return try string(quote: b, start: start) }
        if let two = ExpressionSymbol.double(b, peek(1)) {
            position += 2
            return ExpressionToken(kind: .symbol(two), start: start, end: start + 2, byteStart: byteStart)
        }
        if let one = ExpressionSymbol.single(b) {
            position += 1
            return ExpressionToken(kind: .symbol(one), start: start, end: start + 1, byteStart: byteStart)
        }
        let single = scalarText(at: position)
        let help: String? = switch single {
        case "=": "use `==` to compare"
        case "&": "use `&&` for logical and"
        case "|": "use `||` for logical or"
        default: nil
        }
        throw ExpressionLexError(message: "unexpected character `\(single)`", range: start..<start + 1, help: help)
    }

    /// The one Unicode scalar starting at byte `offset`, as text (for messages).
    private func scalarText(at offset: Int) -> String {
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    private mutating func name(start: Int) throws(ExpressionLexError) -> ExpressionToken {
        let byteStart = position
        while true {
            while Self.isNamePart(peek()) { position += 1 }
            guard peek() == UInt8(ascii: "."), Self.isNameStart(peek(1)) else { break }
            position += 1
        }
        if peek() == UInt8(ascii: ".") {
            let at = scalarOffset
            throw ExpressionLexError(message: "expected a name after `.`", range: at..<at + 1)
        }
        let end = scalarOffset
        let kind: ExpressionToken.Kind =
            end - start == 2 && bytes[byteStart] == UInt8(ascii: "i") && bytes[byteStart + 1] == UInt8(ascii: "n")
            ? .symbol(.in) : .name
        return ExpressionToken(kind: kind, start: start, end: end, byteStart: byteStart)
    }

    private mutating func number(start: Int) throws(ExpressionLexError) -> ExpressionToken {
        let byteStart = position
        var value = 0
        var overflow = false
        var b = peek()
        while Self.isDigit(b) {
            if !overflow {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(b &- UInt8(ascii: "0")))
                value = a
                overflow = o1 || o2
            }
            position += 1
            b = peek()
        }
        if position < bytes.count, Self.isNamePart(b) || b == UInt8(ascii: ".") {
            throw ExpressionLexError(message: "invalid number literal", range: start..<scalarOffset + 1,
                                     help: b == UInt8(ascii: ".") ? "only whole numbers are supported" : nil)
        }
        return ExpressionToken(kind: .int(overflow ? nil : value), start: start, end: scalarOffset,
                               byteStart: byteStart)
    }

    private mutating func string(quote: UInt8, start: Int) throws(ExpressionLexError) -> ExpressionToken {
        let byteStart = position
        position += 1
        // Without escapes the value is the bytes between the quotes, copied once at the end.
        var escaped: [UInt8]? = nil
        var runStart = position
        while true {
            guard position < bytes.count else {
                let q = quote == UInt8(ascii: "'") ? "'" : "\""
                throw ExpressionLexError(message: "unterminated string literal", range: start..<scalarOffset,
                                         help: "add a closing `\(q)`")
            }
            let b = bytes[position]
            if b == quote { break }
            if b == UInt8(ascii: "\\") {
                if escaped == nil { escaped = [] }
                escaped!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                guard position < bytes.count else {
                    runStart = position
                    continue
                }
                let e = bytes[position]
                let resolved: UInt8
                switch e {
                case UInt8(ascii: "\\"): resolved = UInt8(ascii: "\\")
                case UInt8(ascii: "'"): resolved = UInt8(ascii: "'")
                case UInt8(ascii: "\""): resolved = UInt8(ascii: "\"")
                case UInt8(ascii: "n"): resolved = UInt8(ascii: "\n")
                case UInt8(ascii: "t"): resolved = UInt8(ascii: "\t")
                default:
                    let at = scalarOffset
                    throw ExpressionLexError(message: "unknown escape `\\\(scalarText(at: position))` in string literal",
                                             range: at - 1..<at + 1,
                                             help: "the escapes are `\\\\`, `\\'`, `\\\"`, `\\n` and `\\t`")
                }
                escaped!.append(resolved)
                position += 1
                runStart = position
            } else {
                if b & 0xC0 == 0x80 { extra += 1 }
                position += 1
            }
        }
        let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
        if var escaped {
            escaped.append(contentsOf: run)
            stringValue = String(decoding: escaped, as: UTF8.self)
        } else {
            stringValue = String(decoding: run, as: UTF8.self)
        }
        position += 1
        return ExpressionToken(kind: .string, start: start, end: scalarOffset, byteStart: byteStart)
    }
}
