import Testing
@testable import StatuteCore

@Suite struct ExpressionTraceTests {
    func traced(_ source: String, _ values: [String: Value],
               in environment: ExpressionEnvironment = Fixture.plain) -> (Value, ExpressionTrace)? {
        guard let compiled = environment.compile(Fixture.text(source), for: .any).0 else { return nil }
        var trace = ExpressionTrace()
        let value = compiled.evaluate(in: Fixture.context(values), trace: &trace)
        #expect(value == compiled.evaluate(in: Fixture.context(values)))
        return (value, trace)
    }

    @Test func recordsEachNameReadOnceInOrder() throws {
        let (value, trace) = try #require(traced("count > 1 && count < 10 || paid_in_full", ["count": .int(5)]))
        #expect(value == .bool(true))
        #expect(trace.values == [NamedValue(name: "count", value: .int(5))])
        #expect(trace.nullNames.isEmpty)
    }

    @Test func namesTheNullThatMadeAGuardUnknown() throws {
        let (value, trace) = try #require(traced("completed_on + days(1) <= today && paid_in_full", ["paid_in_full": .bool(true)]))
        #expect(value == .null)
        #expect(trace.values.map(\.name) == ["completed_on", "paid_in_full"])
        #expect(trace.nullNames == ["completed_on"])
    }

    @Test func threeValuedLogicBlamesOnlyTheDecidingNulls() throws {
        #expect(try #require(traced("maybe && paid_in_full", [:])).1.nullNames.isEmpty)          // false wins
        #expect(try #require(traced("maybe || n > 1", [:])).1.nullNames == ["maybe", "n"])
        #expect(try #require(traced("n ?? program.expires_after_months", [:])).1.nullNames
            == ["n", "program.expires_after_months"])
        #expect(try #require(traced("n ?? 1", [:])).1.nullNames.isEmpty)
        #expect(try #require(traced("maybe ? count : 1", [:])).1.nullNames == ["maybe"])
        #expect(try #require(traced("count / 0", [:])).1.nullNames.isEmpty)
        #expect(try #require(traced("n == null", [:])).1.nullNames.isEmpty)
        #expect(try #require(traced("label in ['a']", [:])).1.nullNames == ["label"])
    }

    @Test func derivedNamesAppearWithTheirValues() throws {
        let (environment, diagnostics) = Fixture.environment(derived: [
            Fixture.definition("due", "completed_on + days(30)", line: 30),
        ])
        #expect(diagnostics.isEmpty)
        let (value, trace) = try #require(traced("today >= due", [:], in: environment))
        #expect(value == .null)
        #expect(trace.values == [NamedValue(name: "today", value: Fixture.date("2026-03-01")),
                                 NamedValue(name: "due", value: .null)])
        #expect(trace.nullNames == ["due"])
        let (later, laterTrace) = try #require(traced("today >= due", ["completed_on": Fixture.date("2026-01-01")],
                                                     in: environment))
        #expect(later == .bool(true))
        #expect(laterTrace.values.last == NamedValue(name: "due", value: Fixture.date("2026-01-31")))
    }

    @Test func aTraceAccumulatesAcrossExpressions() throws {
        let first = try #require(Fixture.compile("count > 0").0)
        let second = try #require(Fixture.compile("count + n").0)
        var trace = ExpressionTrace()
        _ = first.evaluate(in: Fixture.context(), trace: &trace)
        _ = second.evaluate(in: Fixture.context(), trace: &trace)
        #expect(trace.values.map(\.name) == ["count", "n"])
        #expect(trace.nullNames == ["n"])
    }
}
