/// JSON writes a character outside the Basic Multilingual Plane (an emoji, say) as a
/// UTF-16 surrogate pair, `\uD83D\uDE00`; libyaml, which reads Statute's JSON input too,
/// rejects each half. This rewrites every such pair into YAML's 32-bit escape
/// (`\U0001F600`) before reading, so valid JSON records are never turned away.
///
/// Only for JSON input, where every backslash is inside a double-quoted string. A lone
/// half is left as it is (and reported by the reader). Columns after a rewritten pair on
/// the same line shift left by two.
enum JSONSurrogates {
    static func combiningPairs(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "\\")) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "u"),
               let high = hex(bytes, from: index + 2), (0xD800...0xDBFF).contains(high),
               index + 11 < bytes.count, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
               let low = hex(bytes, from: index + 8), (0xDC00...0xDFFF).contains(low) {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                output += Array("\\U".utf8) + Array(hexDigits(scalar, width: 8).utf8)
                index += 12
                continue
            }
            // Any other escape, `\\` included, is copied whole so its second byte is not re-read.
            output.append(byte)
            output.append(bytes[index + 1])
            index += 2
        }
        return output
    }

    /// The value of four hex digits at `start`, or `nil`.
    private static func hex(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start + 4 <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + 4] {
            guard let digit = Int(String(UnicodeScalar(byte)), radix: 16) else { return nil }
            value = value * 16 + digit
        }
        return value
    }

    private static func hexDigits(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
