import Testing
@testable import StatuteCore

/// Mistakes a newcomer makes in expressions get a help line that says what to write.
@Suite struct ExpressionHintTests {
    @Test(arguments: [
        ("count > 1 and n > 2", "`&&`"),
        ("count > 1 or n > 2", "`||`"),
        ("(count > 1 and n > 2)", "`&&`"),
        ("not count > 1", "`!`"),
    ])
    func wordOperatorsPointAtTheSymbols(source: String, symbol: String) throws {
        let diagnostic = try #require(Fixture.failure(source))
        #expect(diagnostic.code == .expressionSyntax)
        #expect(diagnostic.help?.contains("use \(symbol)") == true, "\(diagnostic)")
    }

    @Test(arguments: ["start > 30", "30 <= completed_on", "start == count"])
    func comparingADateWithAnIntPointsAtDaysBetween(source: String) throws {
        let diagnostic = try #require(Fixture.failure(source))
        #expect(diagnostic.code == .typeMismatch)
        #expect(diagnostic.help?.contains("days_between") == true, "\(diagnostic)")
    }

    @Test func comparingTwoIntsOfTheWrongKindHasNoDateHint() throws {
        let diagnostic = try #require(Fixture.failure("count > 'x'"))
        #expect(diagnostic.help?.contains("days_between") != true)
    }

    @Test func anUnknownNameListsTheCandidatesWhenNoneIsClose() {
        #expect(Suggestions.didYouMeanOrList("stafff", in: ["staff", "admin"], kind: "roles") == "did you mean `staff`?")
        #expect(Suggestions.didYouMeanOrList("clerk", in: ["staff", "admin"], kind: "roles") == "the roles are `staff`, `admin`")
        #expect(Suggestions.didYouMeanOrList("clerk", in: [], kind: "roles") == "the policy declares no roles")
    }
}
