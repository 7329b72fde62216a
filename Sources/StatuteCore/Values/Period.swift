/// A calendar period: whole months (years are twelve months) and days.
///
/// Produced by `days(n)`, `months(n)` and `years(n)`; added to or subtracted from dates.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    /// Whole months (a year is twelve); added before the days.
    public let months: Int
    /// Days, added after the months.
    public let days: Int

    /// Creates a period of `months` and `days` (either may be negative).
    public init(months: Int = 0, days: Int = 0) {
        self.months = months
        self.days = days
    }

    /// `n` days.
    public static func days(_ n: Int) -> Period { Period(days: n) }
    /// `n` months.
    public static func months(_ n: Int) -> Period { Period(months: n) }
    /// `n` years, or `nil` when `n * 12` overflows.
    public static func years(_ n: Int) -> Period? {
        let (m, overflow) = n.multipliedReportingOverflow(by: 12)
        return overflow ? nil : Period(months: m)
    }

    /// The period with both parts negated (saturating at `Int.max` for `Int.min`).
    public var negated: Period {
        Period(months: months == .min ? .max : -months, days: days == .min ? .max : -days)
    }

    /// How the period is written in expressions: `days(3)`, `months(1)`, `years(2)`, or both parts.
    public var description: String {
        switch (months, days) {
        case (0, let d): return "days(\(d))"
        case (let m, 0) where m % 12 == 0: return "years(\(m / 12))"
        case (let m, 0): return "months(\(m))"
        default: return "months(\(months)) + days(\(days))"
        }
    }
}
