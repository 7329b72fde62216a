import Foundation
import PropertyBased
import Testing
@testable import StatuteCore

/// The one evaluator, run with the silent observer (explain off) and the tracing one
/// (explain on), must give the same value for every expression; the trace must name only
/// what the expression reads, and blame nulls only for null results.
@Suite struct ProgramEvaluatorTests {
    static let names = ["maybe", "count", "n", "label", "name", "start", "completed_on", "paid_in_full",
                        "settings.expiring_notice_days", "today"]
    static let strings = ["", "a", "b"]

    /// A random tree over every kind of expression, from a list of choices.
    static func tree(_ choices: [Int]) -> ExpressionSyntax {
        var index = 0
        func next(_ bound: Int) -> Int {
            defer { index += 1 }
            return index < choices.count ? abs(choices[index] % bound) : 0
        }
        let span = SourceSpan(file: "", at: SourceLocation(line: 1, column: 1))
        func make(_ depth: Int) -> ExpressionSyntax {
            let choice = depth >= 4 ? next(4) : next(12)
            let kind: ExpressionSyntax.Kind
            switch choice {
            case 0: kind = .literal(.int(next(7) - 3))
            case 1: kind = .name(names[next(names.count)])
            case 2: kind = .literal(.string(strings[next(strings.count)]))
            case 3: kind = [.literal(.null), .literal(.bool(true)), .literal(.bool(false))][next(3)]
            case 4, 5, 6:
                let ops = BinaryOperator.allCases.filter { $0 != .in }
                kind = .binary(ops[next(ops.count)], make(depth + 1), make(depth + 1))
            case 7: kind = .unary(UnaryOperator.allCases[next(2)], make(depth + 1))
            case 8: kind = .conditional(make(depth + 1), make(depth + 1), make(depth + 1))
            case 9:
                let function = BuiltinFunction.all[next(BuiltinFunction.all.count)]
                kind = .call(function.name, (0..<function.arity).map { _ in make(depth + 1) })
            case 10: kind = .name(["maybe", "n", "label", "completed_on"][next(4)])
            default: kind = .binary(.in, make(depth + 1), ExpressionSyntax(.list((0..<next(3)).map { _ in make(depth + 1) }), span: span))
            }
            return ExpressionSyntax(kind, span: span)
        }
        return make(0)
    }

    static let values: [String: [Value]] = [
        "maybe": [.null, .bool(true), .bool(false)],
        "n": [.null, .int(0), .int(2), .int(Int.max)],
        "label": [.null, .string("a"), .string("")],
        "completed_on": [.null, .date(CalendarDate(iso: "2026-02-28")!)],
        "count": [.int(0), .int(-1), .int(3)],
    ]

    @Test func silentAndTracingEvaluationAgreeOnRandomExpressions() async {
        await propertyCheck(count: 600, input: Gen.int(in: 0...1_000_000).array(of: 0...40),
                            Gen.int(in: 0...1_000_000)) { choices, seed in
            let source = Self.tree(choices).description
            guard let expression = Fixture.compile(source).0 else { return }
            var facts: [String: Value] = [:]
            for (offset, (name, options)) in Self.values.sorted(by: { $0.key < $1.key }).enumerated() {
                facts[name] = options[(seed >> (offset * 2)) % options.count]
            }
            let context = Fixture.context(facts, settings: ["expiring_notice_days": .int(seed % 40)])
            let plain = expression.evaluate(in: context)
            var trace = ExpressionTrace()
            let traced = expression.evaluate(in: context, trace: &trace)
            #expect(plain == traced, "\(source)")
            let read = Set(expression.reads.map(\.name))
            #expect(trace.values.allSatisfy { read.contains($0.name) }, "\(source)")
            #expect(Set(trace.values.map(\.name)).count == trace.values.count, "\(source)")
            #expect(trace.nullNames.isEmpty || traced == .null, "\(source)")
            #expect(trace.nullNames.allSatisfy { name in trace.values.contains { $0.name == name && $0.value == .null } },
                    "\(source)")
        }
    }

    @Test func randomTreesOftenCompile() {
        // The property above is worth something only if many random trees type-check.
        var state: UInt64 = 42
        var compiled = 0
        for _ in 0..<300 {
            let choices = (0..<40).map { _ -> Int in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int(state >> 33)
            }
            if Fixture.compile(Self.tree(choices).description).0 != nil { compiled += 1 }
        }
        #expect(compiled >= 30)
    }

    @Test func everyInstructionKindIsTracedLikeItIsEvaluated() throws {
        // One expression per kind of instruction, with nulls where blame is decided.
        let cases: [(String, Value, [String])] = [
            ("-n", .null, ["n"]),
            ("n + 1", .null, ["n"]),
            ("1 + n", .null, ["n"]),
            ("n == null", .bool(true), []),
            ("n != null", .bool(false), []),
            ("maybe && n > 0", .null, ["maybe", "n"]),
            ("maybe || false", .null, ["maybe"]),
            ("label ?? name", .string(""), []),
            ("n ?? null", .null, ["n"]),
            ("maybe ? 1 : 2", .null, ["maybe"]),
            ("label in ['a', 'b']", .null, ["label"]),
            ("count in [1, 0]", .bool(true), []),
            ("days_between(completed_on, today)", .null, ["completed_on"]),
            ("max(count, 2)", .int(2), []),
            ("settings.expiring_notice_days", .int(0), []),
            ("date(label ?? '2026-02-30') ?? today", .date(Fixture.today), []),
        ]
        for (source, expected, blamed) in cases {
            let expression = try #require(Fixture.compile(source).0, "\(source)")
            var trace = ExpressionTrace()
            #expect(expression.evaluate(in: Fixture.context(), trace: &trace) == expected, "\(source)")
            #expect(expression.evaluate(in: Fixture.context()) == expected, "\(source)")
            #expect(trace.nullNames == blamed, "\(source)")
        }
    }

    @Test func derivedValuesAreComputedAfterTheOnesTheyRead() throws {
        let (environment, diagnostics) = Fixture.environment(derived: [
            Fixture.definition("base", "count + 1", line: 2),
            Fixture.definition("twice", "base * 2", line: 3),
            Fixture.definition("total", "twice + base", line: 4),
        ])
        #expect(diagnostics.isEmpty)
        let total = try #require(Fixture.compile("total > 0 ? total : 0", in: environment).0)
        #expect(total.derivedNeeded.count == 3)
        #expect(total.evaluate(in: Fixture.context(["count": .int(4)])) == .int(15))
        let base = try #require(environment.derived.first { $0.name == "base" })
        #expect(total.derivedNeeded.first == environment.derived.firstIndex { $0.name == base.name })
    }

    @Test func theFunctionTableDrivesTheCheckerAndIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/policy-language.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for function in BuiltinFunction.all {
            #expect(text.contains("`\(function.name)("), "\(function.name) is not in docs/policy-language.md")
            let arguments = Array(repeating: function.parameters[0].hasSuffix("string") ? "'x'" : "1",
                                  count: function.arity + 1).joined(separator: ", ")
            #expect(Fixture.failure("\(function.name)(\(arguments))")?.code == .wrongArgumentCount)
        }
        #expect(Fixture.failure("day(1)")?.help == "did you mean `days`?")
    }
}
