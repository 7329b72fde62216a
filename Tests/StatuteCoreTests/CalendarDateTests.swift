import Testing
@testable import StatuteCore

@Suite struct CalendarDateTests {
    @Test func parsesAndPrintsISODates() {
        let date = CalendarDate(iso: "2026-03-01")
        #expect(date?.description == "2026-03-01")
        #expect(CalendarDate(iso: "2026-02-30") == nil)
        #expect(CalendarDate(iso: "2026-3-01") == nil)
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2100-02-29") == nil)
    }

    @Test func monthArithmeticClampsToTheMonthEnd() {
        let jan31 = CalendarDate(iso: "2026-01-31")!
        #expect(jan31.adding(.months(1))?.description == "2026-02-28")
        let leap = CalendarDate(iso: "2024-02-29")!
        #expect(leap.adding(Period.years(1)!)?.description == "2025-02-28")
        #expect(jan31.adding(.months(-2))?.description == "2025-11-30")
        #expect(CalendarDate(iso: "2026-12-31")!.adding(.days(1))?.description == "2027-01-01")
    }

    @Test func epochDaysRoundTrip() {
        for days in stride(from: -719_000, through: 2_900_000, by: 997) {
            if let date = CalendarDate(daysSinceEpoch: days) {
                #expect(date.daysSinceEpoch == days)
            }
        }
        #expect(CalendarDate(iso: "1970-01-01")!.daysSinceEpoch == 0)
    }
}
