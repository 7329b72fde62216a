/// `application/x-www-form-urlencoded` data — a query string or a form body — read
/// strictly and within limits, so that nothing a browser (or anyone) sends can make the
/// console misbehave: bad percent-escapes and bad UTF-8 are errors, not guesses.
struct FormData: Sendable, Equatable {
    /// The name/value pairs in the order given (a name may repeat).
    var pairs: [(name: String, value: String)]

    static func == (a: FormData, b: FormData) -> Bool {
        a.pairs.map(\.name) == b.pairs.map(\.name) && a.pairs.map(\.value) == b.pairs.map(\.value)
    }

    /// The most bytes a console form may have (query string or body).
    static let maxBytes = 64 * 1024
    /// The most name/value pairs a console form may have.
    static let maxPairs = 512

    /// A reason the data cannot be read: one readable line.
    struct ReadError: Error, Sendable, Equatable {
        var message: String
    }

    /// Reads urlencoded bytes (`a=1&b=two+words&c=%C3%A9`). Empty pieces (`&&`) are skipped.
    static func parse(_ bytes: some Collection<UInt8>) -> Result<FormData, ReadError> {
        guard bytes.count <= maxBytes else {
            return .failure(ReadError(message: "the form is too large (\(bytes.count) bytes; at most \(maxBytes))"))
        }
        var pairs: [(String, String)] = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard pairs.count < maxPairs else {
                return .failure(ReadError(message: "the form has too many fields (at most \(maxPairs))"))
            }
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { piece[piece.startIndex..<$0] } ?? piece[...]
            let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? piece[piece.endIndex...]
            guard let name = decode(rawName), let value = decode(rawValue) else {
                return .failure(ReadError(message: "the form is not valid urlencoded UTF-8 text"))
            }
            pairs.append((name, value))
        }
        return .success(FormData(pairs: pairs))
    }

    /// Reads a query string (the part after `?`), or no pairs when there is none.
    static func parse(query: String?) -> Result<FormData, ReadError> {
        guard let query, !query.isEmpty else { return .success(FormData(pairs: [])) }
        return parse(Array(query.utf8))
    }

    /// The values given for `name`, in order.
    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The first value given for `name`.
    subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    var isEmpty: Bool { pairs.isEmpty }

    /// `+` is a space, `%XX` a byte; the bytes must be UTF-8 without NUL.
    private static func decode(_ raw: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var iterator = raw.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard !bytes.contains(0) else { return nil }
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

    /// Encodes a value for a URL query or form body.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: " "): out += "+"
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
