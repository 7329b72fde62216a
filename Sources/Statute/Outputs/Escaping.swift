/// Makes text from files and requests safe to show (docs/reliability.md): control
/// characters — C0, DEL, C1 (and so every terminal escape sequence, which needs `ESC` or
/// the C1 `CSI`), plus the invisible bidirectional controls and line separators — are
/// written as visible escapes, so a name in a policy, a record or a request cannot move
/// the cursor, recolour the terminal, reorder or hide text or forge a line of output.
/// The one escaper of every output: the CLI, the reports, the docs, the service's messages.
///
/// Escapes are JSON's: `\n`, `\r`, `\t`, and `\u001B` for the rest, so escaped text is
/// still the same text inside a JSON string.
package enum Escaping {
    /// Whether `scalar` is escaped: C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F), every
    /// bidirectional control (the Arabic letter mark U+061C, the marks U+200E/U+200F, the
    /// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069) and the line
    /// and paragraph separators U+2028/U+2029.
    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with every unsafe character escaped. `keepingNewlines` leaves `\n` (and tab)
    /// as they are, for formats where a line break is part of the text (Markdown
    /// descriptions); elsewhere the result is always one line.
    package static func controlCharacters(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                output.append(scalar)
                continue
            }
            switch scalar {
            case "\n" where keepingNewlines, "\t" where keepingNewlines: output.append(scalar)
            case "\n": output.append(contentsOf: "\\n".unicodeScalars)
            case "\r": output.append(contentsOf: "\\r".unicodeScalars)
            case "\t": output.append(contentsOf: "\\t".unicodeScalars)
            default: output.append(contentsOf: hex(scalar).unicodeScalars)
            }
        }
        return String(output)
    }

    /// What a client sent, made safe to echo in a one-line message: escaped, and cut
    /// after `limit` characters (with `…`).
    package static func shortened(_ text: String, limit: Int = 200) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return controlCharacters(text) }
        var head = String.UnicodeScalarView()
        head.append(contentsOf: scalars.prefix(limit))
        return controlCharacters(String(head)) + "…"
    }

    /// `\u001B`: the JSON escape of one character.
    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
