import PropertyBased
import Testing
@testable import StatuteCore

/// A compiled expression keeps its tree packed (``SyntaxShape``): unpacked, it must be the
/// parsed tree exactly, spans included, and packed trees must compare as the trees do.
@Suite struct SyntaxShapeTests {
    /// Every node's span, in preorder (tree equality ignores spans).
    static func spans(_ syntax: ExpressionSyntax) -> [SourceSpan] {
        [syntax.span] + syntax.children.flatMap(spans)
    }

    /// `text` with a line break before every space (none of the test strings has one).
    static func spread(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "\n   ")
    }

    static func parse(_ text: String, line: Int = 12, column: Int = 12) -> (EmbeddedText, ExpressionSyntax)? {
        let source = Fixture.text(text, line: line, column: column)
        guard let syntax = ExpressionParser.parse(source, limits: ExpressionLimits()).0 else { return nil }
        return (source, syntax)
    }

    @Test func unpackedTreesAreTheParsedTreesWithTheirSpans() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000).array(of: 0...60)) { choices in
            let printed = ExpressionPropertyTests.tree(choices).description
            // On one line, and spread over several (where positions come from a table).
            for text in [printed, Self.spread(printed)] {
                guard let (source, syntax) = Self.parse(text) else {
                    Issue.record("does not parse: \(text)")
                    continue
                }
                let unpacked = SyntaxShape(syntax, in: source).syntax(in: source)
                #expect(unpacked == syntax, "\(text)")
                #expect(Self.spans(unpacked) == Self.spans(syntax), "\(text)")
            }
        }
    }

    @Test func shapesAreEqualExactlyWhenTreesAre() async {
        let trees = Gen.int(in: 0...1_000_000).array(of: 0...30)
        await propertyCheck(count: 200, input: trees, trees) { a, b in
            guard let (sa, ta) = Self.parse(ExpressionPropertyTests.tree(a).description),
                  let (sb, tb) = Self.parse(ExpressionPropertyTests.tree(b).description) else { return }
            let pa = SyntaxShape(ta, in: sa), pb = SyntaxShape(tb, in: sb)
            #expect((pa == pb) == (ta == tb))
            if ta == tb { #expect(pa.hashValue == pb.hashValue) }
        }
    }

    @Test func theSameTextElsewhereUnpacksWithItsOwnSpans() throws {
        let line = "settings.mode == 'fast' ? !g.flag || g.count > 0 : min(d, date('2030-01-01')) > today"
        // On one line, and over several lines (a folded scalar), each written in two places.
        for text in [line, Self.spread(line)] {
            let (first, firstTree) = try #require(Self.parse(text, line: 3, column: 14))
            let (second, secondTree) = try #require(Self.parse(text, line: 40, column: 9))
            let shape = SyntaxShape(firstTree, in: first)
            #expect(shape == SyntaxShape(secondTree, in: second))
            let unpacked = shape.syntax(in: second)
            #expect(Self.spans(unpacked) != Self.spans(firstTree))
            #expect(Self.spans(unpacked) == Self.spans(secondTree))
        }
    }

    @Test func spacingAndParenthesesDoNotChangeTheShape() throws {
        let (a, ta) = try #require(Self.parse("a && (b || c)"))
        let (b, tb) = try #require(Self.parse("a&&( b||c )", line: 90, column: 1))
        let (c, tc) = try #require(Self.parse("(a && b) || c"))
        #expect(SyntaxShape(ta, in: a) == SyntaxShape(tb, in: b))
        #expect(SyntaxShape(ta, in: a) != SyntaxShape(tc, in: c))
        let (d, td) = try #require(Self.parse("x > 5"))
        let (e, te) = try #require(Self.parse("x > 6"))
        let (f, tf) = try #require(Self.parse("y > 5"))
        #expect(SyntaxShape(td, in: d) != SyntaxShape(te, in: e))
        #expect(SyntaxShape(td, in: d) != SyntaxShape(tf, in: f))
    }

    @Test func stringsOfAnyLengthAndScriptUnpackAsWritten() throws {
        for literal in ["", "a", "ab", "abc", "abcd", "abcde", "héllo wörld", "🎉 ü", "line\\nbreak"] {
            let (source, tree) = try #require(Self.parse("kind == '\(literal)' && min(x, y) > 0"))
            let unpacked = SyntaxShape(tree, in: source).syntax(in: source)
            #expect(unpacked == tree, "\(literal)")
            #expect(Self.spans(unpacked) == Self.spans(tree), "\(literal)")
        }
    }

    @Test func theParserPacksTheTreeItBuilds() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000).array(of: 0...60)) { choices in
            let printed = ExpressionPropertyTests.tree(choices).description
            for text in [printed, Self.spread(printed), "(" + printed + ")"] {
                let source = Fixture.text(text)
                guard let (tree, shape) = ExpressionParser.parseShaped(source, limits: ExpressionLimits()).0 else {
                    Issue.record("does not parse: \(text)")
                    continue
                }
                #expect(shape == SyntaxShape(tree, in: source), "\(text)")
                let unpacked = shape.syntax(in: source)
                #expect(unpacked == tree, "\(text)")
                #expect(Self.spans(unpacked) == Self.spans(tree), "\(text)")
            }
        }
    }

    @Test(arguments: [("a && b", true), ("(a && b)", true), ("x > 1 && min(y, 2) > 0 && k", true),
                      ("a || b && c", false), ("a && b || c", false), ("!(a && b)", false), ("a", false),
                      ("f(a && b)", false), ("settings.on ? a && b : c", false)])
    func aConjunctionIsKnownWithoutUnpacking(text: String, isConjunction: Bool) throws {
        let (source, tree) = try #require(Self.parse(text))
        #expect(SyntaxShape(tree, in: source).isConjunction == isConjunction)
        #expect((tree.conjuncts.count > 1) == isConjunction)
    }

    @Test func hostileTextsGetTheSameDiagnosticsWhenPackedAndNoShape() {
        let deep = String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        let texts = [deep, String(repeating: "-", count: 300) + "1", "'unterminated", "99999999999999999999999",
                     "a &&", "a and b", String(repeating: "x + ", count: 20_000) + "x", "f(" + deep + ")", "\u{0}"]
        for text in texts {
            let source = Fixture.text(text)
            let (plain, plainDiagnostics) = ExpressionParser.parse(source, limits: ExpressionLimits())
            let (shaped, shapedDiagnostics) = ExpressionParser.parseShaped(source, limits: ExpressionLimits())
            #expect(plain == nil && shaped == nil, "\(text.prefix(40))")
            #expect(shapedDiagnostics == plainDiagnostics, "\(text.prefix(40))")
            #expect(shapedDiagnostics.count == 1 && shapedDiagnostics[0].span != nil, "\(text.prefix(40))")
        }
    }
}
