import FuzzSupport
import Statute

/// A vocabulary of every type, optional or not, so most inputs that parse also check.
enum Vocabulary {
    static let facts: [NameDeclaration] = [
        NameDeclaration(name: "flag", type: .bool), NameDeclaration(name: "maybe", type: .bool.optional),
        NameDeclaration(name: "count", type: .int), NameDeclaration(name: "n", type: .int.optional),
        NameDeclaration(name: "name", type: .string), NameDeclaration(name: "label", type: .string.optional),
        NameDeclaration(name: "start", type: .date), NameDeclaration(name: "done_on", type: .date.optional),
        NameDeclaration(name: "program.months", type: .int.optional),
    ]
    static let settings: [NameDeclaration] = [NameDeclaration(name: "notice_days", type: .int)]
    static let environment = ExpressionEnvironment.make(facts: facts, settings: settings, derived: []).0
    static let today = CalendarDate(iso: "2026-03-01")!

    /// Values chosen from the input's first byte: nulls, extremes and ordinary values.
    static func context(_ seed: UInt8) -> EvaluationContext {
        let big = seed & 1 == 0
        let null = seed & 2 == 0
        let values: [Value] = [
            .bool(seed & 4 == 0), null ? .null : .bool(true),
            .int(big ? Int.max : -3), null ? .null : .int(big ? Int.min : 0),
            .string(big ? "ü\u{1B}" : ""), null ? .null : .string("x"),
            .date(CalendarDate(iso: big ? "9999-12-31" : "0001-01-01")!), null ? .null : .date(today),
            null ? .null : .int(big ? Int.max : 13),
        ]
        return EvaluationContext(facts: values, settings: [.int(big ? Int.max : 30)], today: today)
    }
}

/// Any text as an expression: parse, check and, when it compiles, evaluate it plainly and
/// traced; the two values must be equal (explanations never change an answer).
@_cdecl("FuzzExpression_main")
public func fuzzExpressionMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in
        let input = bytes(data, size)
        guard let seed = input.first else { return 0 }
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        let source = EmbeddedText(text: text, file: "fuzz.yaml", locations: [])
        for purpose in [ExpressionPurpose.any, .condition, .date] {
            guard let compiled = Vocabulary.environment.compile(source, for: purpose).0 else { continue }
            let context = Vocabulary.context(seed)
            var trace = ExpressionTrace()
            let plain = compiled.evaluate(in: context)
            let traced = compiled.evaluate(in: context, trace: &trace)
            if plain != traced { finding("plain \(plain) and traced \(traced) evaluation disagree on `\(text)`") }
        }
        return 0
    }
}
