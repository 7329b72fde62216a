import PropertyBased
import Testing
@testable import StatuteCore

@Suite struct ExpressionPropertyTests {
    static let threeValued = Gen.bool.optional
    static func literal(_ b: Bool?) -> String { b.map { $0 ? "true" : "false" } ?? "null" }
    static func value(_ b: Bool?) -> Value { b.map(Value.bool) ?? .null }

    /// The value of `source` with the given facts.
    func evaluate(_ source: String, _ facts: [String: Value]) -> Value? {
        Fixture.value(source, facts)
    }

    @Test func deMorganHoldsInThreeValuedLogic() async {
        await propertyCheck(input: Self.threeValued, Self.threeValued) { a, b in
            let x = Self.literal(a), y = Self.literal(b)
            #expect(evaluate("!(\(x) && \(y))", [:]) == evaluate("!\(x) || !\(y)", [:]))
            #expect(evaluate("!(\(x) || \(y))", [:]) == evaluate("!\(x) && !\(y)", [:]))
            // Through a name too, so that nothing is folded.
            #expect(evaluate("!(maybe && \(y))", ["maybe": Self.value(a)])
                == evaluate("!maybe || !\(y)", ["maybe": Self.value(a)]))
        }
    }

    @Test func absorptionAndCommutativityHold() async {
        await propertyCheck(input: Self.threeValued, Self.threeValued) { a, b in
            let x = Self.literal(a), y = Self.literal(b)
            #expect(evaluate("\(x) && (\(x) || \(y))", [:]) == Self.value(a))
            #expect(evaluate("\(x) || (\(x) && \(y))", [:]) == Self.value(a))
            #expect(evaluate("\(x) && \(y)", [:]) == evaluate("\(y) && \(x)", [:]))
            #expect(evaluate("\(x) || \(y)", [:]) == evaluate("\(y) || \(x)", [:]))
        }
    }

    @Test func coalesceIsNeverNullWhenTheDefaultIsNot() async {
        await propertyCheck(input: Gen.int(in: -1000...1000).optional, Gen.int(in: -1000...1000)) { n, fallback in
            let result = evaluate("n ?? \(fallback)", ["n": n.map(Value.int) ?? .null])
            #expect(result == .int(n ?? fallback))
            #expect(Fixture.type("n ?? \(fallback)") == .int)
        }
    }

    static let dates = Gen.int(in: -700_000...2_900_000).compactMap { CalendarDate(daysSinceEpoch: $0) }

    @Test func addingAndSubtractingDaysRoundTrips() async {
        await propertyCheck(input: Self.dates, Gen.int(in: -100_000...100_000)) { date, n in
            let facts: [String: Value] = ["start": .date(date)]
            guard let moved = date.adding(.days(n)) else { return }
            #expect(evaluate("start + days(\(n)) - days(\(n))", facts) == .date(date))
            #expect(evaluate("days_between(start, start + days(\(n)))", facts) == .int(n))
            #expect(evaluate("start + days(\(n))", facts) == .date(moved))
        }
    }

    @Test func addingMonthsNeverOverflowsTheMonth() async {
        await propertyCheck(input: Self.dates, Gen.int(in: -240...240)) { date, months in
            guard case .date(let result)? = evaluate("start + months(\(months))", ["start": .date(date)]) else {
                return
            }
            #expect(result.day <= date.day)
            #expect(result.day == date.day || result.day == CalendarDate.daysIn(month: result.month, year: result.year))
            #expect((result.year * 12 + result.month) - (date.year * 12 + date.month) == months)
        }
    }

    // Random trees built from a list of choices, printed, parsed and compared.

    static let names = ["a", "count", "program.require_approval", "settings.x", "today"]
    static let strings = ["", "it's", "a\"b", "back\\slash", "line\nbreak", "tab\t"]

    static func tree(_ choices: [Int]) -> ExpressionSyntax {
        var index = 0
        func next(_ bound: Int) -> Int {
            defer { index += 1 }
            return index < choices.count ? abs(choices[index] % bound) : 0
        }
        let span = SourceSpan(file: "", at: SourceLocation(line: 1, column: 1))
        func make(_ depth: Int) -> ExpressionSyntax {
            let choice = depth >= 5 ? next(4) : next(11)
            let kind: ExpressionSyntax.Kind
            switch choice {
            case 0: kind = .literal(.int(next(1_000_000)))
            case 1: kind = .name(names[next(names.count)])
            case 2: kind = .literal(.string(strings[next(strings.count)]))
            case 3: kind = [.literal(.null), .literal(.bool(true)), .literal(.bool(false))][next(3)]
            case 4, 5, 6:
                let ops = BinaryOperator.allCases.filter { $0 != .in }
                kind = .binary(ops[next(ops.count)], make(depth + 1), make(depth + 1))
            case 7: kind = .unary(UnaryOperator.allCases[next(2)], make(depth + 1))
            case 8: kind = .conditional(make(depth + 1), make(depth + 1), make(depth + 1))
            case 9: kind = .call(["days", "min", "date"][next(3)], (0..<next(3)).map { _ in make(depth + 1) })
            default: kind = .binary(.in, make(depth + 1), ExpressionSyntax(.list((0..<next(3)).map { _ in make(depth + 1) }), span: span))
            }
            return ExpressionSyntax(kind, span: span)
        }
        return make(0)
    }

    @Test func printedTreesParseBackToTheSameTree() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 0...60)) { choices in
            let tree = Self.tree(choices)
            let printed = tree.description
            let (parsed, diagnostics) = ExpressionParser.parse(Fixture.text(printed), limits: ExpressionLimits())
            #expect(diagnostics.isEmpty, "\(printed)")
            #expect(parsed == tree, "\(printed)")
            #expect(parsed?.description == printed)
        }
    }
}
