import Testing
@testable import StatuteCore

@Suite struct ExpressionDateTests {
    func value(_ source: String, _ values: [String: Value] = [:]) -> Value? {
        Fixture.value(source, values)
    }

    @Test(arguments: [
        ("date('2026-01-31') + months(1)", "2026-02-28"),
        ("date('2024-01-31') + months(1)", "2024-02-29"),
        ("date('2024-02-29') + years(1)", "2025-02-28"),
        ("date('2024-02-29') + years(4)", "2028-02-29"),
        ("date('2026-03-31') - months(1)", "2026-02-28"),
        ("date('2026-12-31') + days(1)", "2027-01-01"),
        ("date('2027-01-01') - days(1)", "2026-12-31"),
        ("date('2026-03-01') + days(-1)", "2026-02-28"),
        ("date('2024-03-01') - days(1)", "2024-02-29"),
        ("date('2026-01-31') + months(-2)", "2025-11-30"),
        ("date('2026-05-15') - months(-1)", "2026-06-15"),
        ("date('2026-01-01') + years(-1)", "2025-01-01"),
        ("months(1) + date('2026-01-31')", "2026-02-28"),
        ("date('2026-01-31') + (months(1) + days(1))", "2026-03-01"),
        ("date('2026-01-31') + -months(1)", "2025-12-31"),
        ("date('2026-03-10') + (days(10) - days(3))", "2026-03-17"),
        ("min(date('2026-01-02'), date('2026-01-01'))", "2026-01-01"),
        ("max(date('2026-01-02'), date('2026-01-01'))", "2026-01-02"),
        ("today + days(settings.expiring_notice_days)", "2026-03-01"),
    ])
    func dateArithmetic(source: String, expected: String) {
        #expect(value(source) == Fixture.date(expected))
    }

    @Test func datesOutsideTheCalendarRangeAreNull() {
        #expect(value("date('9999-12-31') + days(1)") == .null)
        #expect(value("date('0001-01-01') - days(1)") == .null)
        #expect(value("date('9999-12-31') + years(9223372036854775807)") == .null)
        #expect(value("date('2026-01-01') + days(9223372036854775807)") == .null)
        #expect(value("date('2026-01-01') + months(-9223372036854775807)") == .null)
    }

    @Test func nullOperandsGiveNull() {
        #expect(value("completed_on + days(1)") == .null)
        #expect(value("start + days(n)") == .null)
        #expect(value("days(n)") == .null)
        #expect(value("days_between(completed_on, today)") == .null)
        #expect(value("min(n, 1)") == .null)
        #expect(Fixture.type("completed_on + months(program.expires_after_months)") == .date.optional)
        #expect(Fixture.type("start + days(1)") == .date)
    }

    @Test func functions() {
        #expect(value("days(3)") == .period(.days(3)))
        #expect(value("months(-2)") == .period(.months(-2)))
        #expect(value("years(2)") == .period(.months(24)))
        #expect(value("years(9223372036854775807)") == .null)
        #expect(value("min(3, 5)") == .int(3))
        #expect(value("max(3, 5)") == .int(5))
        #expect(value("max(n, 5)") == .null)
        #expect(value("days_between(date('2026-01-01'), date('2026-03-01'))") == .int(59))
        #expect(value("days_between(date('2024-03-01'), date('2024-02-01'))") == .int(-29))
        #expect(value("days_between(date('2025-12-31'), date('2026-01-01'))") == .int(1))
        #expect(value("date(name)", ["name": .string("2026-02-28")]) == Fixture.date("2026-02-28"))
        #expect(value("date(name)", ["name": .string("2026-02-29")]) == .null)
        #expect(Fixture.type("date(name)") == .date.optional)
        #expect(Fixture.type("date('2026-02-28')") == .date)
        #expect(Fixture.type("min(count, n)") == .int.optional)
        #expect(Fixture.type("days_between(start, today)") == .int)
        #expect(Fixture.type("-days(1)") == .period)
    }

    @Test func expirationDateAsThePolicyDerivesIt() {
        let source = """
            program.expires_after_months != null && program.expires_after_months > 0 \
            ? completed_on + months(program.expires_after_months) : null
            """
        #expect(Fixture.type(source) == .date.optional)
        #expect(value(source, ["completed_on": Fixture.date("2025-08-31"),
                               "program.expires_after_months": .int(6)]) == Fixture.date("2026-02-28"))
        #expect(value(source, ["completed_on": Fixture.date("2025-08-31"),
                               "program.expires_after_months": .int(0)]) == .null)
        #expect(value(source, ["program.expires_after_months": .int(6)]) == .null)
    }
}
