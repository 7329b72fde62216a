import Testing
@testable import StatuteCore

@Suite struct ExpressionCheckerTests {
    /// `source` at line 12, column 12: the error must have `code`, start at `column`
    /// and read `message`.
    @Test(arguments: [
        ("paid_in_full && tier", DiagnosticCode.unknownName, 28, "unknown name `tier`"),
        ("count + 1 > settings.expiring_notice_day", .unknownName, 24, "unknown name `settings.expiring_notice_day`"),
        ("dayz(3)", .unknownFunction, 12, "unknown function `dayz`"),
        ("days(1, 2)", .wrongArgumentCount, 20, "`days` takes 1 argument, found 2"),
        ("min(1)", .wrongArgumentCount, 12, "`min` takes 2 arguments, found 1"),
        ("days('x')", .typeMismatch, 17, "`days` needs an `int` argument, found `string`"),
        ("days_between(today, 3)", .typeMismatch, 32, "`days_between` needs a `date` argument, found `int`"),
        ("min(1, today)", .typeMismatch, 19, "`min` needs two arguments of the same type, found `int` and `date`"),
        ("max(true, false)", .typeMismatch, 16, "`max` needs int or date arguments, found `bool`"),
        ("start > date('2026-02-30')", .invalidDateLiteral, 25, "`2026-02-30` is not a valid date"),
        ("date('tomorrow')", .invalidDateLiteral, 17, "`tomorrow` is not a valid date"),
        ("paid_in_full && count", .typeMismatch, 28, "`&&` needs bool operands, found `int`"),
        ("name || paid_in_full", .typeMismatch, 12, "`||` needs bool operands, found `string`"),
        ("!count", .typeMismatch, 13, "`!` needs bool operands, found `int`"),
        ("-name", .typeMismatch, 13, "`-` needs an int or period operand, found `string`"),
        ("count + 'a'", .typeMismatch, 20, "`+` needs int, date or period operands, found `string`"),
        ("start + 1", .typeMismatch, 20, "`+` cannot combine `date` and `int`"),
        ("start - today", .typeMismatch, 20, "`-` cannot combine `date` and `date`"),
        ("start * 2", .typeMismatch, 12, "`*` needs int operands, found `date`"),
        ("count < today", .typeMismatch, 20, "`<` cannot compare `int` with `date`"),
        ("paid_in_full < true", .typeMismatch, 12, "`<` needs int, date or string operands, found `bool`"),
        ("count == 'a'", .typeMismatch, 21, "`==` cannot compare `int` with `string`"),
        ("count in ['a']", .typeMismatch, 22, "`in` list items must be `int`, found `string`"),
        ("count in count", .typeMismatch, 21, "`in` needs a list on its right"),
        ("[1, 2] == count", .misplacedList, 12, "a list is only allowed on the right of `in`"),
        ("count ? 1 : 2", .typeMismatch, 12, "the condition of `?:` must be bool, found `int`"),
        ("paid_in_full ? 1 : 'a'", .typeMismatch, 31, "the branches of `?:` have different types: `int` and `string`"),
        ("n ?? 'a'", .typeMismatch, 17, "the default of `??` must be `int`, found `string`"),
        ("null + null", .typeMismatch, 12, "`+` cannot be applied to two `null` operands"),
    ])
    func errorsPointAtTheOffendingPart(source: String, code: DiagnosticCode, column: Int, message: String) throws {
        let diagnostic = try #require(Fixture.failure(source))
        #expect(diagnostic.code == code)
        #expect(diagnostic.span?.start == Fixture.at(column))
        #expect(diagnostic.span?.file == Fixture.file)
        #expect(diagnostic.message == message)
        #expect(diagnostic.severity == .error)
    }

    @Test func unknownNamesSuggestTheClosestName() throws {
        #expect(Fixture.failure("paid_in_ful")?.help == "did you mean `paid_in_full`?")
        #expect(Fixture.failure("settings.expiring_notice_day")?.help == "did you mean `settings.expiring_notice_days`?")
        #expect(Fixture.failure("program.require_aproval")?.help == "did you mean `program.require_approval`?")
        #expect(Fixture.failure("tody")?.help == "did you mean `today`?")
        #expect(Fixture.failure("dayz(1)")?.help == "did you mean `days`?")
        #expect(Fixture.failure("zzzzzz")?.help == nil)
    }

    @Test func everyErrorIsReportedOnce() {
        let (compiled, diagnostics) = Fixture.compile("(tier + 1) > 2 && bogus && count")
        #expect(compiled == nil)
        #expect(diagnostics.map(\.code) == [.unknownName, .unknownName, .typeMismatch])
        #expect(diagnostics.map { $0.span?.start } == [Fixture.at(13), Fixture.at(30), Fixture.at(39)])
    }

    @Test func errorsInsideMultiLineScalarsUseTheirOwnLine() throws {
        let text = EmbeddedText(text: "paid_in_full &&\n  tier", file: Fixture.file,
                                start: SourceLocation(line: 20, column: 5))
        let diagnostic = try #require(Fixture.plain.compile(text, for: .condition).1.first)
        #expect(diagnostic.span?.start == SourceLocation(line: 21, column: 3))
    }

    @Test func purposes() throws {
        #expect(Fixture.compile("paid_in_full", for: .condition).0?.type == .bool)
        #expect(Fixture.compile("maybe", for: .condition).0?.type == .bool.optional)
        #expect(Fixture.compile("completed_on", for: .date).0?.type == .date.optional)
        #expect(Fixture.compile("start + days(1)", for: .date).0?.type == .date)
        #expect(Fixture.compile("today", for: .value(.date.optional)).0?.type == .date)
        #expect(Fixture.compile("null", for: .value(.date.optional)).0?.type == .date.optional)
        #expect(Fixture.compile("completed_on ?? today", for: .value(.date)).0?.type == .date)

        let notBool = try #require(Fixture.failure("count", for: .condition))
        #expect(notBool.code == .typeMismatch)
        #expect(notBool.message == "a condition must be `bool`, found `int`")
        #expect(notBool.span?.start == Fixture.at(12))
        #expect(Fixture.failure("count", for: .date)?.message == "a date trigger must be `date`, found `int`")
        #expect(Fixture.failure("'x'", for: .value(.int))?.message == "this value must be `int`, found `string`")

        let nullable = try #require(Fixture.failure("completed_on", for: .value(.date)))
        #expect(nullable.code == .mayBeNull)
        #expect(nullable.message == "value may be null but the target is `date`")
        #expect(nullable.help == "give a default with `?? …`")
        #expect(Fixture.failure("null", for: .value(.int))?.code == .typeMismatch)
        #expect(Fixture.failure("null", for: .any)?.code == .typeMismatch)
    }

    @Test func readsListEachNameOnceInSourceOrder() throws {
        let compiled = try #require(Fixture.compile(
            "components.completed >= components.required && components.required > 0 && today > start || settings.expiring_notice_days > 0"
        ).0)
        #expect(compiled.reads == [
            NameReference(kind: .fact, name: "components.completed", slot: 11),
            NameReference(kind: .fact, name: "components.required", slot: 10),
            NameReference(kind: .today, name: "today", slot: 0),
            NameReference(kind: .fact, name: "start", slot: 6),
            NameReference(kind: .setting, name: "settings.expiring_notice_days", slot: 0),
        ])
        #expect(compiled.unpackedSyntax().description == compiled.source.text)
    }
}
