import StatuteCore

/// A JSON value whose objects keep their keys in the order they were built, so that
/// every output Statute writes is byte-for-byte deterministic and follows the key order
/// the docs give (docs/cli.md).
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number, however it was written (`200`, `2e2`, `200.0`).
    case int(Int)
    /// A number with a fractional part, kept as written (`1.5`, `2.5e-1`). Statute's values
    /// have no fractions: reading one where a value is expected is an error that names it.
    case fraction(String)
    /// A string.
    case string(String)
    /// An array, in order.
    case array([JSONValue])
    /// Members in output order; keys should be unique (the writer does not check).
    case object([(String, JSONValue)])

    /// Structural equality; objects are equal only with the same members in the same order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.fraction(let a), .fraction(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// Hashes consistently with equality (object member order counts).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let v): hasher.combine(v)
        case .int(let v): hasher.combine(v)
        case .fraction(let v): hasher.combine(1); hasher.combine(v)
        case .string(let v): hasher.combine(v)
        case .array(let v): hasher.combine(v)
        case .object(let members):
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// A string, or `null` when `text` is `nil`.
    public static func text(_ text: String?) -> JSONValue {
        text.map { .string($0) } ?? .null
    }

    /// A Statute value as JSON: dates as `"YYYY-MM-DD"`, periods as their expression
    /// form (`"months(3)"`), null as `null`.
    public init(_ value: StatuteCore.Value) {
        switch value {
        case .null: self = .null
        case .bool(let v): self = .bool(v)
        case .int(let v): self = .int(v)
        case .string(let v): self = .string(v)
        case .date(let v): self = .string(v.description)
        case .period(let v): self = .string(v.description)
        }
    }

    /// The JSON text: on one line (`pretty: false`, as JSON Lines need), or indented by
    /// two spaces per level.
    public func rendered(pretty: Bool = false) -> String {
        var output: [UInt8] = []
        write(to: &output, pretty: pretty)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the JSON text as UTF-8 to `output` (one buffer per output line is what
    /// `run` writes; building a `String` scalar by scalar was a fifth of its time).
    public func write(to output: inout [UInt8], pretty: Bool = false) {
        write(to: &output, pretty: pretty, indent: 0)
    }

    private func write(to output: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: output.append(literal: "null")
        case .bool(let v): if v { output.append(literal: "true") } else { output.append(literal: "false") }
        case .int(let v): output.append(contentsOf: String(v).utf8)
        case .fraction(let text): output.append(contentsOf: text.utf8)
        case .string(let v): JSONValue.writeString(v, to: &output)
        case .array(let items):
            guard !items.isEmpty else { output.append(literal: "[]"); return }
            output.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(&output, indent + 1) }
                item.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { JSONValue.newline(&output, indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { output.append(literal: "{}"); return }
            output.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(&output, indent + 1) }
                JSONValue.writeString(key, to: &output)
                if pretty {
                    output.append(literal: ": ")
                } else {
                    output.append(UInt8(ascii: ":"))
                }
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { JSONValue.newline(&output, indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], _ indent: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// Writes a JSON string literal: `"` and `\` escaped, control characters (C0, DEL, C1)
    /// as `\n`, `\t`… or `\u00XX`, U+2028/U+2029 as `\u2028`/`\u2029`; everything
    /// else as is, in UTF-8.
    package static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole; only the bytes that may
            // start an escape are looked at one by one.
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Most bytes are printable ASCII other than `"` and `\`: two range checks.
                if byte &- 0x23 < 0x39 || byte &- 0x5D < 0x22 {
                    index += 1
                    continue
                }
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F
                        || byte == 0xC2 || byte == 0xE2 else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x00..<0x20, 0x7F:
                    output.append(literal: "\\u00")
                    output.append(hexDigit(byte >> 4))
                    output.append(hexDigit(byte & 0xF))
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                    // C1 controls (U+0080–U+009F) are escaped too, so no output carries them raw.
                    output.append(literal: "\\u00")
                    output.append(hexDigit(bytes[index + 1] >> 4))
                    output.append(hexDigit(bytes[index + 1] & 0xF))
                    index += 1
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    output.append(literal: bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    index += 2
                default:
                    output.append(byte)
                }
                index += 1
                start = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
