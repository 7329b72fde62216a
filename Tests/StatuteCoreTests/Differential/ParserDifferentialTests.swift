import Testing
import StatuteTestSupport
@testable import StatuteCore

/// Compares the on-demand parser with a copy of the previous one on many generated
/// texts, hostile ones included: same trees (spans too) and same diagnostics.
@Suite struct ParserDifferentialTests {
    static let fragments: [String] = [
        "a", "b.c", "g0.count", "and", "OR", "not", "Not", "in", "true", "false", "null", "today", "days", "min",
        "settings.x", "x.", "x..y", "_a1", "0", "12", "007", "99999999999999999999", "9223372036854775807",
        "9223372036854775808", "1.5", "3x", "'x'", "\"é\"", "'a\\nb'", "'\\q'", "'\\é'", "'unterminated", "'ü\\",
        "'日本'", "\"it's\"", "'\\\\'", "'\\t\\'\\\"'", "?", ":", "<", ">", "+", "-", "*", "/", "%", "!", "(", ")",
        "[", "]", ",", "??", "||", "&&", "==", "!=", "<=", ">=", "=", "&", "|", "$", "é", "\u{0}", ".", "#",
        " ", "  ", "\n", "\t", "\r\n", "(", ")", "a", "1", "+", "'é日'", "x(", "f(a, b)", "[1, 2]", "🙂",
    ]

    static func sameTree(_ a: ExpressionSyntax?, _ b: ExpressionSyntax?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        guard a == b, a.span == b.span else { return false }
        let ca = a.children, cb = b.children
        guard ca.count == cb.count else { return false }
        return zip(ca, cb).allSatisfy { sameTree($0, $1) }
    }

    static func compare(_ text: String, limits: ExpressionLimits = ExpressionLimits(), multiline: Bool = false) -> Bool {
        let source = multiline
            ? EmbeddedText(text: text, file: "p.yaml", locations: (0...text.unicodeScalars.count).map {
                SourceLocation(line: 3 + $0 / 5, column: 1 + ($0 % 5) * 2) })
            : EmbeddedText(text: text, file: "p.yaml", start: SourceLocation(line: 4, column: 7))
        let (t1, d1) = ExpressionParser.parse(source, limits: limits)
        let (t2, d2) = RefExpressionParser.parse(source, limits: limits)
        let same = sameTree(t1, t2) && d1 == d2
        if !same { print("DIFF for \(text.debugDescription): new \(d1) old \(d2) trees \(String(describing: t1)) \(String(describing: t2))") }
        return same
    }

    @Test func randomTextsParseAlike() {
        var rng = SplitMix64(seed: 42)
        var failures = 0
        for round in 0..<15_000 {
            let n = Int.random(in: 1...14, using: &rng)
            var text = ""
            for _ in 0..<n {
                text += Self.fragments.randomElement(using: &rng)!
                if Bool.random(using: &rng) { text += " " }
            }
            let limits = round % 7 == 0 ? ExpressionLimits(maxLength: 12, maxDepth: 3) : ExpressionLimits()
            if !Self.compare(text, limits: limits, multiline: round % 3 == 0) { failures += 1 }
            if failures > 20 { break }
        }
        #expect(failures == 0)
    }

    @Test func validTextsParseAlike() {
        var rng = SplitMix64(seed: 7)
        let atoms = ["a", "b.c", "1", "'s'", "\"é日\"", "null", "true", "today", "f()", "g(a, 1)", "[1, 'x']", "(a)"]
        let ops = [" + ", "-", " * ", " / ", "%", " && ", "||", " == ", "!=", " < ", "<=", ">", " >= ", " in ", " ?? "]
        var failures = 0
        for _ in 0..<8_000 {
            var text = atoms.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: text = "(" + text + ")"
                case 1: text = "!" + text
                case 2: text = "-" + text
                case 3: text = text + " ? " + atoms.randomElement(using: &rng)! + " : " + atoms.randomElement(using: &rng)!
                case 4: text = "max(" + text + ", " + atoms.randomElement(using: &rng)! + ")"
                default: text = text + ops.randomElement(using: &rng)! + atoms.randomElement(using: &rng)!
                }
            }
            if !Self.compare(text, limits: ExpressionLimits(maxLength: 4096, maxDepth: 6), multiline: Bool.random(using: &rng)) { failures += 1 }
            if !Self.compare(text) { failures += 1 }
            if failures > 20 { break }
        }
        #expect(failures == 0)
    }

    @Test func hostileTextsParseAlike() {
        let cases = [
            String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100),
            String(repeating: "(", count: 100) + "a $",
            String(repeating: "!", count: 200) + "a",
            String(repeating: "-", count: 70) + "1",
            String(repeating: "a + ", count: 70) + "a",
            String(repeating: "a ?? ", count: 70) + "a",
            String(repeating: "a ? b : ", count: 70) + "c",
            String(repeating: "f(", count: 70),
            String(repeating: "[", count: 70) + "é",
            String(repeating: "é", count: 5000),
            String(repeating: "a", count: 4097),
            String(repeating: "a", count: 4096),
            "'" + String(repeating: "é", count: 4095) + "'",
            "'" + String(repeating: "é", count: 4094) + "'",
            "", " ", "\n", "a and b", "not a", "a or", "x OR y", "a b", "(a", "a)", "1 +", "f(a,", "[a,,b]",
        ]
        for text in cases {
            #expect(Self.compare(text))
            #expect(Self.compare(text, multiline: true))
            #expect(Self.compare(text, limits: ExpressionLimits(maxLength: 100, maxDepth: 10)))
        }
    }
}
