/// `%XX` escapes, as in URLs and HTML form bodies, decoded strictly: every `%` must be
/// followed by two hex digits, and the bytes must be UTF-8. Shared by the PostgreSQL store's
/// URL and the console's form reader, which refuse what a lenient decoder would guess at.
package enum PercentDecoding {
    /// The text with its `%XX` escapes decoded; nil for a malformed escape or invalid UTF-8.
    /// Every other byte, `+` included, stands for itself.
    package static func decode<Bytes: Sequence<UInt8>>(_ text: Bytes) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
