/// An ISO calendar date (`YYYY-MM-DD`) with no time and no time zone, in the proleptic
/// Gregorian calendar, years 1 through 9999.
///
/// Statute never reads a clock: `today` is always passed in as a `CalendarDate`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1 through 9999.
    public let year: Int
    /// The month, 1 through 12.
    public let month: Int
    /// The day of the month, 1 through 28–31.
    public let day: Int

    /// The years Statute represents: dates outside them are `null` in expressions.
    public static let range: ClosedRange<Int> = 1...9999

    /// A date, or `nil` if it is not a real calendar date (such as 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard CalendarDate.range.contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; `nil` for any other shape or an impossible date.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `days` days after 1970-01-01, or `nil` outside years 1...9999.
    public init?(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        guard days > -1_000_000_000, days < 1_000_000_000 else { return nil }
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: y, month: m, day: d)
    }

    /// The date plus a period: months and years first (keeping the day of the month, or
    /// the month's last day where it has fewer days), then days. `nil` if the result
    /// leaves years 1...9999.
    public func adding(_ period: Period) -> CalendarDate? {
        var result = self
        if period.months != 0 {
            let (q, r) = period.months.quotientAndRemainder(dividingBy: 12)
            var y = year + q
            var m = month + r
            if m > 12 { m -= 12; y += 1 }
            if m < 1 { m += 12; y -= 1 }
            guard CalendarDate.range.contains(y) else { return nil }
            let d = min(day, CalendarDate.daysIn(month: m, year: y))
            guard let moved = CalendarDate(year: y, month: m, day: d) else { return nil }
            result = moved
        }
        if period.days != 0 {
            let (sum, overflow) = result.daysSinceEpoch.addingReportingOverflow(period.days)
            guard !overflow, let moved = CalendarDate(daysSinceEpoch: sum) else { return nil }
            result = moved
        }
        return result
    }

    /// The date minus a period (the negated period added).
    public func subtracting(_ period: Period) -> CalendarDate? {
        adding(period.negated)
    }

    /// `other` minus `self`, in days.
    public func days(until other: CalendarDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// Chronological order.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
