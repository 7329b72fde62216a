import Testing
@testable import StatuteCore

@Suite struct ExpressionOperatorTests {
    let value = { (source: String, values: [String: Value]) in Fixture.value(source, values) }

    @Test(arguments: [
        ("7 + 5", Value.int(12)), ("7 - 5", .int(2)), ("7 * 5", .int(35)), ("7 / 2", .int(3)),
        ("7 % 5", .int(2)), ("-7 / 2", .int(-3)), ("-7 % 2", .int(-1)), ("-count", .int(-4)),
        ("count * 2 + 1", .int(9)), ("1 + count * 2", .int(9)), ("(1 + count) * 2", .int(10)),
        ("7 / 0", .null), ("7 % 0", .null), ("count / (count - 4)", .null),
        ("9223372036854775807 + 1", .null), ("-9223372036854775807 - 2", .null),
        ("9223372036854775807 * 2", .null), ("(-9223372036854775807 - 1) / -1", .null),
        ("-(-9223372036854775807 - 1)", .null),
        ("n + 1", .null), ("1 + n", .null), ("-n", .null), ("n * 0", .null),
    ])
    func integerArithmetic(source: String, expected: Value) {
        #expect(value(source, ["count": .int(4)]) == expected)
    }

    @Test func integerTypes() {
        #expect(Fixture.type("count + 1") == .int)
        #expect(Fixture.type("n + 1") == .int.optional)
        #expect(Fixture.type("count / 2") == .int)
        #expect(Fixture.type("count / count") == .int.optional)
        #expect(Fixture.type("count % 0") == .int.optional)
        #expect(Fixture.type("-n") == .int.optional)
        #expect(Fixture.type("count + null") == .int.optional)
    }

    @Test(arguments: [
        ("1 < 2", Value.bool(true)), ("2 < 2", .bool(false)), ("2 <= 2", .bool(true)), ("3 <= 2", .bool(false)),
        ("3 > 2", .bool(true)), ("2 > 2", .bool(false)), ("2 >= 2", .bool(true)), ("1 >= 2", .bool(false)),
        ("'apple' < 'banana'", .bool(true)), ("'b' >= 'a'", .bool(true)), ("'a' > 'a'", .bool(false)),
        ("start < today", .bool(true)), ("today <= start", .bool(false)),
        ("date('2026-03-01') >= today", .bool(true)), ("date('2026-03-01') > today", .bool(false)),
        ("n < 1", .null), ("completed_on > today", .null), ("label >= 'a'", .null),
    ])
    func comparisons(source: String, expected: Value) {
        #expect(value(source, [:]) == expected)
    }

    @Test(arguments: [
        ("1 == 1", Value.bool(true)), ("1 != 1", .bool(false)), ("'a' == 'a'", .bool(true)),
        ("'a' != 'b'", .bool(true)), ("true == false", .bool(false)), ("start == date('2026-01-01')", .bool(true)),
        ("days(1) == days(1)", .bool(true)), ("months(12) == years(1)", .bool(true)),
        ("null == null", .bool(true)), ("null != null", .bool(false)),
        ("n == null", .bool(true)), ("n != null", .bool(false)), ("n == 1", .bool(false)),
        ("completed_on == null", .bool(true)), ("maybe == true", .bool(false)), ("label != 'x'", .bool(true)),
    ])
    func equalityComparesNullAsAValue(source: String, expected: Value) {
        #expect(value(source, [:]) == expected)
    }

    @Test func equalityIsNeverNullable() {
        #expect(Fixture.type("n == 1") == .bool)
        #expect(Fixture.type("completed_on != null") == .bool)
    }

    @Test(arguments: [
        ("name in ['gold', 'silver']", Value.bool(true)), ("name in ['bronze']", .bool(false)),
        ("count in [1, 2, components.required]", .bool(true)), ("count in []", .bool(false)),
        ("label in ['a', 'b']", .null), ("n in [1, null]", .null), ("count in [null, 2]", .bool(true)),
    ])
    func membership(source: String, expected: Value) {
        #expect(value(source, ["name": .string("gold"), "count": .int(2), "components.required": .int(2)]) == expected)
    }

    @Test func membershipTypes() {
        #expect(Fixture.type("name in ['a']") == .bool)
        #expect(Fixture.type("label in ['a']") == .bool.optional)
    }

    @Test func notAndNegation() {
        #expect(value("!paid_in_full", [:]) == .bool(true))
        #expect(value("!!paid_in_full", [:]) == .bool(false))
        #expect(value("!maybe", [:]) == .null)
        #expect(Fixture.type("!maybe") == .bool.optional)
        #expect(value("--count", ["count": .int(3)]) == .int(3))
    }

    static let three: [(String, Value)] = [("true", .bool(true)), ("false", .bool(false)), ("null", .null)]

    @Test func threeValuedAndOr() {
        func kleeneAnd(_ a: Value, _ b: Value) -> Value {
            if a == .bool(false) || b == .bool(false) { return .bool(false) }
            if a.isNull || b.isNull { return .null }
            return .bool(true)
        }
        func kleeneOr(_ a: Value, _ b: Value) -> Value {
            if a == .bool(true) || b == .bool(true) { return .bool(true) }
            if a.isNull || b.isNull { return .null }
            return .bool(false)
        }
        for (a, av) in Self.three {
            for (b, bv) in Self.three {
                // Through names, so that the operands are not literals.
                let facts: [String: Value] = ["maybe": av]
                #expect(value("maybe && \(b)", facts) == kleeneAnd(av, bv), "\(a) && \(b)")
                #expect(value("maybe || \(b)", facts) == kleeneOr(av, bv), "\(a) || \(b)")
                #expect(value("\(a) && \(b)", [:]) == kleeneAnd(av, bv))
                #expect(value("\(a) || \(b)", [:]) == kleeneOr(av, bv))
            }
        }
        #expect(Fixture.type("paid_in_full && maybe") == .bool.optional)
        #expect(Fixture.type("paid_in_full || program.require_approval") == .bool)
    }

    @Test func coalesce() {
        #expect(value("n ?? 5", [:]) == .int(5))
        #expect(value("n ?? 5", ["n": .int(2)]) == .int(2))
        #expect(value("n ?? count", ["count": .int(9)]) == .int(9))
        #expect(value("completed_on ?? today", [:]) == Fixture.date("2026-03-01"))
        #expect(value("n ?? null", [:]) == .null)
        #expect(value("null ?? n ?? 3", [:]) == .int(3))
        #expect(Fixture.type("n ?? 5") == .int)
        #expect(Fixture.type("n ?? null") == .int.optional)
        #expect(Fixture.type("n ?? program.expires_after_months") == .int.optional)
        #expect(Fixture.type("null ?? 1") == .int)
        #expect(Fixture.type("count ?? 1") == .int)
    }

    @Test func conditional() {
        #expect(value("paid_in_full ? 1 : 2", ["paid_in_full": .bool(true)]) == .int(1))
        #expect(value("paid_in_full ? 1 : 2", [:]) == .int(2))
        #expect(value("maybe ? 1 : 2", [:]) == .null)
        #expect(value("paid_in_full ? completed_on : null", [:]) == .null)
        #expect(value("true ? today : null", [:]) == Fixture.date("2026-03-01"))
        #expect(value("false ? 1 : true ? 2 : 3", [:]) == .int(2))
        #expect(Fixture.type("paid_in_full ? 1 : 2") == .int)
        #expect(Fixture.type("maybe ? 1 : 2") == .int.optional)
        #expect(Fixture.type("paid_in_full ? today : null") == .date.optional)
        #expect(Fixture.type("paid_in_full ? null : 'x'") == .string.optional)
        #expect(Fixture.type("paid_in_full ? n : 1") == .int.optional)
    }

    @Test func namesReadTheirSlots() {
        let facts: [String: Value] = ["program.require_approval": .bool(true), "components.required": .int(3),
                                      "components.completed": .int(3)]
        #expect(value("program.require_approval", facts) == .bool(true))
        #expect(value("components.required > 0 && components.completed >= components.required", facts) == .bool(true))
        let compiled = Fixture.compile("settings.expiring_notice_days * 2").0
        #expect(compiled?.evaluate(in: Fixture.context(settings: ["expiring_notice_days": .int(30)])) == .int(60))
        #expect(value("today", [:]) == Fixture.date("2026-03-01"))
    }

    @Test func wronglyTypedOrMissingHostValuesGiveNull() {
        let compiled = Fixture.compile("count + 1").0
        let short = EvaluationContext(facts: [], settings: [], today: Fixture.today)
        #expect(compiled?.evaluate(in: short) == .null)
        #expect(compiled?.evaluate(in: Fixture.context(["count": .string("x")])) == .null)
    }
}
