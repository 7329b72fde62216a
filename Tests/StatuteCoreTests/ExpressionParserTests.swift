import Testing
@testable import StatuteCore

@Suite struct ExpressionParserTests {
    func parse(_ source: String, limits: ExpressionLimits = ExpressionLimits()) -> ExpressionSyntax? {
        ExpressionParser.parse(Fixture.text(source), limits: limits).0
    }

    func error(_ source: String, limits: ExpressionLimits = ExpressionLimits()) -> Diagnostic? {
        let (tree, diagnostics) = ExpressionParser.parse(Fixture.text(source), limits: limits)
        #expect(tree == nil)
        return diagnostics.first
    }

    @Test(arguments: [
        ("a + b * c", "a + b * c"),
        ("(a + b) * c", "(a + b) * c"),
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("a ?? b ?? c", "a ?? b ?? c"),
        ("(a ?? b) ?? c", "(a ?? b) ?? c"),
        ("a ? b : c ? d : e", "a ? b : c ? d : e"),
        ("(a ? b : c) ? d : e", "(a ? b : c) ? d : e"),
        ("a || b && c", "a || b && c"),
        ("(a || b) && c", "(a || b) && c"),
        ("!a && b", "!a && b"),
        ("!(a && b)", "!(a && b)"),
        ("- -5", "--5"),
        ("-(a + 1)", "-(a + 1)"),
        ("a == b < c", "a == b < c"),
        ("x in [1, 2,3]", "x in [1, 2, 3]"),
        ("x ?? 1 + 2", "x ?? 1 + 2"),
        ("days_between( a , b )", "days_between(a, b)"),
        ("\"it's\" == 'a\\\\b\\n'", "'it\\'s' == 'a\\\\b\\n'"),
        ("program.require_approval && settings.expiring_notice_days > 0",
         "program.require_approval && settings.expiring_notice_days > 0"),
    ])
    func printsCanonicalText(source: String, expected: String) throws {
        let tree = try #require(parse(source))
        #expect(tree.description == expected)
        #expect(parse(tree.description) == tree)
    }

    @Test func nodesCarrySpansInTheFile() throws {
        let tree = try #require(parse("paid_in_full && tier"))
        guard case .binary(.and, let lhs, let rhs) = tree.kind else {
            Issue.record("expected `&&`, got \(tree)")
            return
        }
        #expect(tree.span.start == Fixture.at(12))
        #expect(tree.span.end == Fixture.at(32))
        #expect(lhs.span.start == Fixture.at(12))
        #expect(rhs.span.start == Fixture.at(28))
        #expect(rhs.span.end == Fixture.at(32))
    }

    @Test func multiLineTextKeepsLines() throws {
        let tree = try #require(ExpressionParser.parse(Fixture.text("a &&\n  b"), limits: ExpressionLimits()).0)
        #expect(tree.children[1].span.start == SourceLocation(line: 13, column: 3))
    }

    @Test(arguments: [
        ("a &&", 16, "expected an expression, found end of expression"),
        ("a = b", 14, "unexpected character `=`"),
        ("(a + b", 18, "expected `)` to close `(`, found end of expression"),
        ("a b", 14, "unexpected `b` after the expression"),
        ("'open", 12, "unterminated string literal"),
        ("'bad \\q'", 17, "unknown escape `\\q` in string literal"),
        ("1.5", 12, "invalid number literal"),
        ("f(1,", 16, "expected an expression, found end of expression"),
        ("a ? b", 17, "expected `:` in the conditional `?:`, found end of expression"),
        ("", 12, "expected an expression"),
        ("a.", 13, "expected a name after `.`"),
    ])
    func syntaxErrorsPointAtTheProblem(source: String, column: Int, message: String) throws {
        let diagnostic = try #require(error(source))
        #expect(diagnostic.code == .expressionSyntax)
        #expect(diagnostic.message == message)
        #expect(diagnostic.span?.start == Fixture.at(column))
    }

    @Test func helpForSingleEqualsSign() throws {
        let diagnostic = try #require(error("a = b"))
        #expect(diagnostic.help == "use `==` to compare")
    }

    @Test func integerLiteralOverflowIsAnError() throws {
        let diagnostic = try #require(error("1 + 99999999999999999999"))
        #expect(diagnostic.code == .integerOverflow)
        #expect(diagnostic.span?.start == Fixture.at(16))
        #expect(parse("9223372036854775807") != nil)
    }

    @Test func tooLongExpressionsAreRejectedBeforeParsing() throws {
        let long = Array(repeating: "count", count: 1000).joined(separator: " + ")  // 7,997 characters
        let diagnostic = try #require(error(long))
        #expect(diagnostic.code == .expressionTooLong)
        #expect(diagnostic.span?.start == Fixture.at(12))
        let fiveThousand = String(repeating: "a", count: 5000)
        #expect(error(fiveThousand)?.code == .expressionTooLong)
    }

    @Test func hundredThousandParenthesesAreAnErrorNotACrash() throws {
        let hostile = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        #expect(error(hostile)?.code == .expressionTooLong)
        let unlimited = ExpressionLimits(maxLength: 1_000_000, maxDepth: 64)
        let diagnostic = try #require(error(hostile, limits: unlimited))
        #expect(diagnostic.code == .expressionTooDeep)
        #expect(error(String(repeating: "(", count: 100_000), limits: unlimited)?.code == .expressionTooDeep)
    }

    @Test(arguments: ["!", "-", "- ", "!-"])
    func deeplyNestedUnaryOperatorsAreAnError(op: String) throws {
        let unlimited = ExpressionLimits(maxLength: 1_000_000, maxDepth: 64)
        let hostile = String(repeating: op, count: 50_000) + "a"
        #expect(error(hostile, limits: unlimited)?.code == .expressionTooDeep)
    }

    @Test func longOperatorChainsAreBoundedByDepth() throws {
        let limits = ExpressionLimits(maxLength: 100_000, maxDepth: 64)
        let chain = Array(repeating: "count", count: 5000).joined(separator: " + ")
        #expect(error(chain, limits: limits)?.code == .expressionTooDeep)
        let coalesce = Array(repeating: "n", count: 5000).joined(separator: " ?? ")
        #expect(error(coalesce, limits: limits)?.code == .expressionTooDeep)
        let conditional = String(repeating: "a ? b : ", count: 5000) + "c"
        #expect(error(conditional, limits: limits)?.code == .expressionTooDeep)
        #expect(parse(Array(repeating: "count", count: 60).joined(separator: " + ")) != nil)
    }

    @Test func nestingWithinTheLimitParses() {
        let nested = String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40)
        #expect(parse(nested) == parse("a"))
    }
}
