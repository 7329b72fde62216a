/// Numbers (RFC 8259 `number`): a whole number is an integer however it is written
/// (`200`, `2e2`, `20E+1`, `200.0`, `0e1`); any other number is a fraction, kept as
/// written (Statute's values have no fractions: a fraction is an error where a value is
/// read, named there).
extension JSONParser {
    mutating func parseNumber() throws(JSONProblem) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw JSONProblem(offset: start, message: "expected a digit after `-`")
        }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw JSONProblem(offset: start, message: "a number in JSON cannot start with 0 (found \(text(start, upTo: scanNumberEnd(from: start))))")
        }
        // Magnitudes are accumulated negatively so that Int.min fits.
        let digits = index
        var value = 0
        var overflow = false
        while index < bytes.count, isDigit(bytes[index]) {
            let digit = Int(bytes[index] &- UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            value = next
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            return try parseFractionOrExponent(from: start, negative: negative, integerDigits: digits..<index)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
            throw JSONProblem(offset: start, message: "hexadecimal numbers are not allowed in JSON")
        }
        if !negative {
            let (positive, o3) = (0).subtractingReportingOverflow(value)
            overflow = overflow || o3
            value = positive
        }
        if overflow { throw tooLarge(start, upTo: index) }
        return .int(value)
    }

    /// The rest of a number after its integer digits: `frac`, `exp` or both.
    private mutating func parseFractionOrExponent(from start: Int, negative: Bool,
                                                  integerDigits: Range<Int>) throws(JSONProblem) -> JSONValue {
        var fraction = index..<index
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let first = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            if index == first { throw JSONProblem(offset: index, message: "expected a digit after `.`") }
            fraction = first..<index
        }
        // The exponent, held to a bound far beyond any 64-bit integer's digits.
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let first = index
            while index < bytes.count, isDigit(bytes[index]) {
                exponent = min(exponent * 10 + Int(bytes[index] &- UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            if index == first { throw JSONProblem(offset: index, message: "expected a digit in the exponent") }
            if exponentNegative { exponent = -exponent }
        }
        if index < bytes.count, isNumberByte(bytes[index]) {
            throw JSONProblem(offset: index, message: "unexpected \(describe(at: index)) in a number")
        }
        // The significant digits, without leading and trailing zeros; `scale` is the power
        // of ten they are multiplied by.
        var significant = Array(bytes[integerDigits]) + Array(bytes[fraction])
        var scale = exponent - fraction.count
        while let last = significant.last, last == UInt8(ascii: "0") {
            significant.removeLast()
            scale += 1
        }
        guard let firstNonZero = significant.firstIndex(where: { $0 != UInt8(ascii: "0") }) else { return .int(0) }
        significant.removeFirst(firstNonZero)
        guard scale >= 0 else { return .fraction(text(start, upTo: index)) }
        // A whole number: it must fit 64 bits (accumulated negatively, as above).
        guard significant.count + scale <= 19 else { throw tooLarge(start, upTo: index) }
        var value = 0
        for digit in significant + Array(repeating: UInt8(ascii: "0"), count: scale) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int(digit &- UInt8(ascii: "0")))
            if o1 || o2 { throw tooLarge(start, upTo: index) }
            value = next
        }
        if !negative {
            guard value != .min else { throw tooLarge(start, upTo: index) }
            value = -value
        }
        return .int(value)
    }

    private func tooLarge(_ start: Int, upTo end: Int) -> JSONProblem {
        JSONProblem(offset: start, message: "`\(text(start, upTo: end))` is an integer too large for 64 bits", code: "invalid-number")
    }

    private func isNumberByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    func scanNumberEnd(from start: Int) -> Int {
        var end = start
        while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
        return end
    }
}
