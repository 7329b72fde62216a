/// The recursive-descent parser behind ``JSONReader``: one pass over the bytes, no
/// intermediate tokens; positions are computed only when a problem is reported.
struct JSONParser {
    let bytes: [UInt8]
    private let maxDepth: Int
    var index = 0
    private var depth = 0
    /// The members of the top-level object read before a problem (kept for error lines).
    private(set) var topLevelMembers: [(String, JSONValue)] = []

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    // MARK: Document

    mutating func parseDocument() -> Result<JSONValue, JSONProblem> {
        do throws(JSONProblem) {
            skipWhitespace()
            if index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                throw JSONProblem(offset: 0, message: "a byte order mark is not allowed in JSON")
            }
            guard index < bytes.count else { throw JSONProblem(offset: index, message: "expected a JSON value, found the end of the input") }
            let value: JSONValue
            if bytes[index] == UInt8(ascii: "{") {
                let members = try parseObject(topLevel: true)
                topLevelMembers = members  // for a problem after the object (shared, not copied)
                value = .object(members)
            } else {
                value = try parseValue()
            }
            skipWhitespace()
            if index < bytes.count {
                throw JSONProblem(offset: index, message: "unexpected \(describe(at: index)) after the JSON value")
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    /// The line and column of a problem.
    func locate(_ problem: JSONProblem) -> JSONSyntaxError {
        var line = 1
        var column = 1
        var position = 0
        let end = min(problem.offset, bytes.count)
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            position += 1
        }
        return JSONSyntaxError(line: line, column: column, message: problem.message, code: problem.code)
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONProblem) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw JSONProblem(offset: index, message: "expected a JSON value, found the end of the input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try parseObject(topLevel: false))
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "'"):
            throw JSONProblem(offset: index, message: "strings in JSON are written in double quotes, not single quotes")
        default:
            throw JSONProblem(offset: index, message: "expected a JSON value, found \(describe(at: index))")
        }
    }

    private mutating func enter() throws(JSONProblem) {
        depth += 1
        if depth > maxDepth {
            throw JSONProblem(offset: index, message: "nesting deeper than \(maxDepth) levels")
        }
    }

    /// An object's members in input order. For the top-level object, the members read
    /// before a problem are kept in ``topLevelMembers`` (only then: copying them as they
    /// were read cost an array per line).
    private mutating func parseObject(topLevel: Bool) throws(JSONProblem) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(8)
        do {
            try parseMembers(into: &members)
        } catch {
            if topLevel { topLevelMembers = members }
            throw error
        }
        return members
    }

    private mutating func parseMembers(into members: inout [(String, JSONValue)]) throws(JSONProblem) {
        try enter()
        index += 1
        var seen: Set<String> = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw JSONProblem(offset: index, message: "the object is not closed: expected `}`") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                let message = bytes[index] == UInt8(ascii: "}") ? "a trailing comma is not allowed in JSON"
                    : "expected a key in double quotes, found \(describe(at: index))"
                throw JSONProblem(offset: index, message: message)
            }
            let keyOffset = index
            let key = try parseString()
            // Small objects (records) are searched; large ones keep a set, so that a
            // hostile line of 100,000 keys stays linear.
            let isDuplicate: Bool
            if members.count < 16 {
                isDuplicate = members.contains { $0.0 == key }
            } else {
                if seen.isEmpty { seen = Set(members.map(\.0)) }
                isDuplicate = !seen.insert(key).inserted
            }
            if isDuplicate {
                throw JSONProblem(offset: keyOffset, message: "duplicate key `\(key)`", code: "duplicate-key")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw JSONProblem(offset: index, message: "expected `:` after the key `\(key)`, found \(describe(at: index))")
            }
            index += 1
            let value = try parseValue()
            members.append((key, value))
            skipWhitespace()
            guard index < bytes.count else { throw JSONProblem(offset: index, message: "the object is not closed: expected `}`") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else {
                throw JSONProblem(offset: index, message: "expected `,` or `}` in the object, found \(describe(at: index))")
            }
            index += 1
            depth -= 1
            return
        }
    }

    private mutating func parseArray() throws(JSONProblem) -> [JSONValue] {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return items
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw JSONProblem(offset: index, message: "a trailing comma is not allowed in JSON")
            }
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw JSONProblem(offset: index, message: "the list is not closed: expected `]`") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else {
                throw JSONProblem(offset: index, message: "expected `,` or `]` in the list, found \(describe(at: index))")
            }
            index += 1
            depth -= 1
            return items
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONProblem) {
        let start = index
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            bytes.count - start >= count && (0..<count).allSatisfy { bytes[start + $0] == expected[$0] }
        }
        guard matches else { throw JSONProblem(offset: start, message: "expected a JSON value, found \(describe(at: start))") }
        index += count
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONProblem) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes; the bytes are checked as UTF-8 once.
        var plainASCII = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = bytes[start..<index]
                index += 1
                if plainASCII { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw JSONProblem(offset: firstInvalidUTF8(in: start..<(index - 1)), message: "invalid UTF-8 in a string")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            if byte < 0x20 {
                throw JSONProblem(offset: index, message: "a control character (U+00\(hex2(byte))) must be escaped in a JSON string")
            }
            if byte >= 0x80 { plainASCII = false }
            index += 1
        }
        throw JSONProblem(offset: open, message: "the string is not closed: expected `\"`")
    }

    private mutating func parseEscapedString(from start: Int) throws(JSONProblem) -> String {
        var utf8: [UInt8] = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw JSONProblem(offset: firstInvalidUTF8(in: start..<(index - 1)), message: "invalid UTF-8 in a string")
                }
                return text
            case UInt8(ascii: "\\"):
                try appendEscape(to: &utf8)
            case 0..<0x20:
                throw JSONProblem(offset: index, message: "a control character (U+00\(hex2(byte))) must be escaped in a JSON string")
            default:
                utf8.append(byte)
                index += 1
            }
        }
        throw JSONProblem(offset: start - 1, message: "the string is not closed: expected `\"`")
    }

    private mutating func appendEscape(to utf8: inout [UInt8]) throws(JSONProblem) {
        let escape = index
        index += 1
        guard index < bytes.count else { throw JSONProblem(offset: escape, message: "the string is not closed: expected `\"`") }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""): utf8.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): utf8.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): utf8.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hexQuad(at: escape)
            if (0xD800...0xDBFF).contains(code) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw JSONProblem(offset: escape, message: "a lone surrogate escape `\\u\(hex4(code))`: a high surrogate must be followed by a low one")
                }
                let second = index
                index += 2
                let low = try hexQuad(at: second)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONProblem(offset: escape, message: "a lone surrogate escape `\\u\(hex4(code))`: a high surrogate must be followed by a low one")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw JSONProblem(offset: escape, message: "a lone surrogate escape `\\u\(hex4(code))`")
            }
            guard let scalar = Unicode.Scalar(code) else {
                throw JSONProblem(offset: escape, message: "`\\u\(hex4(code))` is not a Unicode scalar")
            }
            utf8.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw JSONProblem(offset: escape, message: "unknown escape `\\\(describeByte(letter))` in a JSON string")
        }
    }

    /// Reads the four hex digits after `\u` (index is just after the `u`).
    private mutating func hexQuad(at escape: Int) throws(JSONProblem) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONProblem(offset: escape, message: "`\\u` needs four hexadecimal digits") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw JSONProblem(offset: escape, message: "`\\u` needs four hexadecimal digits")
            }
            code = code << 4 | digit
            index += 1
        }
        return code
    }

    // MARK: Helpers

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private func firstInvalidUTF8(in range: Range<Int>) -> Int {
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            guard length > 0, position + length <= range.upperBound,
                  String(validating: bytes[position..<(position + length)], as: UTF8.self) != nil else { return position }
            position += length
        }
        return range.lowerBound
    }

    func text(_ start: Int, upTo end: Int) -> String {
        String(decoding: bytes[start..<min(end, start + 40)], as: UTF8.self)
    }

    /// A byte for a message: a printable ASCII character in backquotes, else its hex value.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        if byte >= 0x21, byte < 0x7F {
            if isLetter(byte) {
                var end = offset
                while end < bytes.count, end - offset < 20, isLetter(bytes[end]) { end += 1 }
                return "`\(String(decoding: bytes[offset..<end], as: UTF8.self))`"
            }
            return "`\(describeByte(byte))`"
        }
        return "the byte 0x\(hex2(byte))"
    }

    private func describeByte(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x\(hex2(byte))"
    }

    private func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    private func hex4(_ code: UInt32) -> String {
        let digits = String(code, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
