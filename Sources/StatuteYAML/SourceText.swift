import StatuteCore

/// A position as libyaml reports it: 0-based line and 0-based column.
///
/// libyaml counts columns in Unicode scalars (and, in libyaml 0.2.5, `mark.index` in
/// Unicode scalars too, not bytes, with a leading byte order mark not counted), so a
/// mark maps directly onto ``SourceText``'s scalars.
struct Mark: Hashable, Sendable {
    var line: Int
    var column: Int

    /// The 1-based location of this mark.
    var location: SourceLocation { SourceLocation(line: line + 1, column: column + 1) }
}

/// The file decoded once: its Unicode scalars and where each line starts.
///
/// Line breaks are `\n`, `\r\n` and a lone `\r`, as libyaml counts them; a byte order
/// mark at the very start is dropped, as libyaml drops it.
struct SourceText {
    let file: String
    /// The file's Unicode scalars, without a leading byte order mark.
    let scalars: Scalars
    /// `lineStarts[i]` is the index in `scalars` of the first scalar of line `i + 1`.
    let lineStarts: [Int]

    /// Whether the file is all ASCII (kept as its bytes).
    var isASCII: Bool {
        if case .ascii = scalars { return true }
        return false
    }

    /// The index in `scalars` of a libyaml mark, clamped to the text.
    func index(of mark: Mark) -> Int {
        guard !lineStarts.isEmpty else { return 0 }
        let line = min(max(mark.line, 0), lineStarts.count - 1)
        return min(lineStarts[line] + max(mark.column, 0), scalars.count)
    }

    /// The scalar at a mark, if there is one.
    func scalar(at mark: Mark) -> Unicode.Scalar? {
        let index = index(of: mark)
        return index < scalars.count ? scalars[index] : nil
    }

    /// The most diagnostics one file's encoding problems produce before reading stops.
    static let maxEncodingDiagnostics = 20

    /// Decodes `bytes` as strict UTF-8 and checks that every character may appear in YAML.
    ///
    /// Returns the text, or `nil` and one diagnostic per problem (at most
    /// ``maxEncodingDiagnostics``), each at its exact line and column.
    static func decode(_ bytes: [UInt8], file: String) -> (SourceText?, [Diagnostic]) {
        if let ascii = decodeASCII(bytes, file: file) { return (ascii, []) }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var lineStarts = [0]
        var diagnostics: [Diagnostic] = []
        var line = 1, column = 1
        var previousWasCR = false
        var byteOffset = 0

        func report(_ code: DiagnosticCode, _ message: String, help: String) {
            let here = SourceLocation(line: line, column: column)
            diagnostics.append(.error(code, message, at: SourceSpan(file: file, at: here), help: help))
        }

        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        decoding: while diagnostics.count < maxEncodingDiagnostics {
            switch parser.parseScalar(from: &iterator) {
            case .emptyInput:
                break decoding
            case .error(let length):
                let byte = bytes[min(byteOffset, bytes.count - 1)]
                report(.invalidUTF8, "invalid UTF-8 byte `\(hex(UInt32(byte), digits: 2))`",
                       help: "save the file as UTF-8")
                byteOffset += length
                column += 1
                previousWasCR = false
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                byteOffset += encoded.count
                if scalar.value == 0xFEFF && byteOffset == encoded.count {
                    continue  // a byte order mark at the start is fine and takes no column
                }
                // Printable ASCII is always fine; only other characters are looked at, and a
                // message is written only for one that is refused.
                if !(0x20..<0x7F).contains(scalar.value), let problem = problem(with: scalar) {
                    report(.invalidCharacter, problem.message, help: problem.help)
                }
                scalars.append(scalar)
                switch scalar {
                case "\r":
                    line += 1
                    column = 1
                    lineStarts.append(scalars.count)
                    previousWasCR = true
                case "\n":
                    if previousWasCR {
                        lineStarts[lineStarts.count - 1] = scalars.count
                    } else {
                        line += 1
                        column = 1
                        lineStarts.append(scalars.count)
                    }
                    previousWasCR = false
                default:
                    column += 1
                    previousWasCR = false
                }
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (SourceText(file: file, scalars: .wide(scalars), lineStarts: lineStarts), [])
    }

    /// The text of a file of printable ASCII, tabs and line breaks only (most policies),
    /// kept as its bytes; `nil` when any other byte is in it.
    private static func decodeASCII(_ bytes: [UInt8], file: String) -> SourceText? {
        var lineStarts = [0]
        let fits = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var previousWasCR = false
            var index = 0
            let count = buffer.count
            while index < count {
                // Eight bytes at a time while none is below 0x20 or above 0x7E (most of a file).
                while index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let below = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    let above = ((word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
                    if below | above != 0 { break }
                    previousWasCR = false
                    index += 8
                }
                guard index < count else { break }
                let byte = base[index]
                defer { index += 1 }
                switch byte {
                case 0x20..<0x7F, 0x09:
                    previousWasCR = false
                case 0x0D:
                    lineStarts.append(index + 1)
                    previousWasCR = true
                case 0x0A:
                    if previousWasCR {
                        lineStarts[lineStarts.count - 1] = index + 1
                    } else {
                        lineStarts.append(index + 1)
                    }
                    previousWasCR = false
                default:
                    return false
                }
            }
            return true
        }
        return fits ? SourceText(file: file, scalars: .ascii(bytes), lineStarts: lineStarts) : nil
    }

    /// Why `scalar` may not appear in a YAML file, or `nil` when it may.
    ///
    /// YAML allows tab, line feed, carriage return and printable characters. Next line
    /// (U+0085), line separator (U+2028) and paragraph separator (U+2029) are refused
    /// too: libyaml treats them as line breaks where editors do not, so positions
    /// after them would disagree with what the author sees.
    private static func problem(with scalar: Unicode.Scalar) -> (message: String, help: String)? {
        let value = scalar.value
        // Written only for a character that is refused: nothing is formatted on the happy path.
        var code: String { "`\(hex(value, digits: 4))`" }
        switch value {
        case 0:
            return ("NUL character \(code) is not allowed in YAML",
                    "remove it; to put one in a string, write `\\0` inside double quotes")
        case 0x09, 0x0A, 0x0D:
            return nil
        case 0x01...0x1F, 0x7F...0x9F:
            return ("control character \(code) is not allowed in YAML",
                    "remove it; to put one in a string, write an escape such as `\\x\(hex(value, digits: 2, prefix: false))` inside double quotes")
        case 0x2028, 0x2029:
            return ("line or paragraph separator \(code) is not allowed in YAML",
                    "use an ordinary line break")
        case 0xFEFF:
            return ("byte order mark \(code) is only allowed at the start of the file",
                    "remove it")
        case 0xFFFE, 0xFFFF:
            return ("noncharacter \(code) is not allowed in YAML", "remove it")
        default:
            return nil
        }
    }
}

/// A file's Unicode scalars: its bytes when it is all ASCII (a quarter of the memory),
/// else the decoded scalars.
enum Scalars {
    case ascii([UInt8])
    case wide([Unicode.Scalar])

    var count: Int {
        switch self {
        case .ascii(let bytes): bytes.count
        case .wide(let scalars): scalars.count
        }
    }

    subscript(index: Int) -> Unicode.Scalar {
        switch self {
        case .ascii(let bytes): Unicode.Scalar(bytes[index])
        case .wide(let scalars): scalars[index]
        }
    }
}

/// `U+00E9`-style (or `0xFF`-style) hexadecimal, upper case, zero-padded.
func hex(_ value: UInt32, digits: Int, prefix: Bool = true) -> String {
    let body = String(value, radix: 16, uppercase: true)
    let padded = String(repeating: "0", count: max(0, digits - body.count)) + body
    guard prefix else { return padded }
    return digits == 2 ? "0x" + padded : "U+" + padded
}
