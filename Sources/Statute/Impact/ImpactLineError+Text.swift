/// Text from input files made safe to print: C0 and C1 control characters and DEL
/// (escape sequences included) are shown as `\u{1B}`, so nothing read from a record or a
/// log can move the cursor, recolour or retitle a terminal.
enum VisibleText {
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

extension ImpactLineError {
    /// The error in words for text output: `error: line 10 (record "E-2010"): message [code]`,
    /// with control characters from the input escaped.
    package var readable: String {
        let record = id == .null ? "" : " (record \(VisibleText.escape(id.rendered())))"
        return "error: line \(line)\(record): \(VisibleText.escape(message)) [\(VisibleText.escape(code))]"
    }
}
