import StatuteCore

/// `YYYY-MM-DD` read and written over bytes, for the record pipeline: the same dates as
/// ``CalendarDate/init(iso:)`` and ``CalendarDate/description`` give, without the
/// intermediate arrays and strings (a date is read or written for most records `run` sees).
enum DateBytes {
    /// The date `text` holds, exactly `YYYY-MM-DD`; `nil` for any other shape or an
    /// impossible date (as ``CalendarDate/init(iso:)``).
    static func parse(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { bytes -> CalendarDate? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let byte = bytes[index]
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }

    /// Appends `"YYYY-MM-DD"`, quotes included (a JSON string; dates need no escapes).
    static func writeQuoted(_ date: CalendarDate, to output: inout [UInt8]) {
        // Years are 1...9999 (CalendarDate.range), so four digits always suffice.
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            for _ in 0..<count {
                output.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor % 10))
                rest %= divisor
                divisor /= 10
                if divisor == 0 { break }
            }
        }
        guard CalendarDate.range.contains(date.year) else {
            JSONValue.writeString(date.description, to: &output)
            return
        }
        output.append(UInt8(ascii: "\""))
        digits(date.year, 4)
        output.append(UInt8(ascii: "-"))
        digits(date.month, 2)
        output.append(UInt8(ascii: "-"))
        digits(date.day, 2)
        output.append(UInt8(ascii: "\""))
    }
}
