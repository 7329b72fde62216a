import Testing
@testable import StatuteCore

@Suite struct ExpressionEnvironmentTests {
    static let expiration = Fixture.definition("expiration", """
        expires_at ?? (completed_on != null && (program.expires_after_months ?? 0) > 0 \
        ? completed_on + months(program.expires_after_months ?? 0) : null)
        """, line: 30)

    @Test func derivedValuesCompileInDependencyOrder() throws {
        let (environment, diagnostics) = Fixture.environment(derived: [
            Self.expiration,
            Fixture.definition("notice_on", "expiration - days(settings.expiring_notice_days)", line: 31),
            Fixture.definition("expires_at", "completed_on == null ? null : completed_on + years(100)", line: 32),
        ])
        #expect(diagnostics.isEmpty)
        #expect(environment.derived.map(\.name) == ["expires_at", "expiration", "notice_on"])
        #expect(environment.derived.map(\.expression.type) == [.date.optional, .date.optional, .date.optional])

        let (compiled, errors) = environment.compile(Fixture.text("today >= notice_on"), for: .condition)
        #expect(errors.isEmpty)
        let guardExpression = try #require(compiled)
        #expect(guardExpression.reads == [NameReference(kind: .today, name: "today", slot: 0),
                                          NameReference(kind: .derived, name: "notice_on", slot: 2)])
        let context = Fixture.context(["completed_on": Fixture.date("1926-03-10")],
                                      settings: ["expiring_notice_days": .int(10)])
        #expect(guardExpression.evaluate(in: context) == .bool(true))
        #expect(environment.derived[2].expression.evaluate(in: context) == Fixture.date("2026-02-28"))
        #expect(guardExpression.evaluate(in: Fixture.context()) == .null)
    }

    @Test func anUnknownNameInADefinitionIsReportedThereOnly() throws {
        let (environment, diagnostics) = Fixture.environment(derived: [
            Self.expiration,
            Fixture.definition("expires_at", "expires_on", line: 32),
        ])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == .unknownName)
        #expect(diagnostic.message == "unknown name `expires_on`")
        #expect(diagnostic.span?.start == SourceLocation(line: 32, column: 15))
        #expect(environment.derived.isEmpty)
        let (compiled, errors) = environment.compile(Fixture.text("expiration"), for: .value(.date))
        #expect(compiled == nil)
        #expect(errors.isEmpty)
    }

    @Test func derivedTypesFlowIntoOtherExpressions() throws {
        let (environment, _) = Fixture.environment(derived: [Fixture.definition("due", "start + days(30)", line: 30)])
        #expect(environment.compile(Fixture.text("due"), for: .value(.date)).0?.type == .date)
        let mismatch = try #require(environment.compile(Fixture.text("due + 1"), for: .any).1.first)
        #expect(mismatch.message == "`+` cannot combine `date` and `int`")
    }

    @Test func cyclesAreReportedOnceAtTheirFirstDefinition() throws {
        let (environment, diagnostics) = Fixture.environment(derived: [
            Fixture.definition("ok", "count + 1", line: 30),
            Fixture.definition("a", "b + 1", line: 31),
            Fixture.definition("b", "c + ok", line: 32),
            Fixture.definition("c", "a * 2", line: 33),
            Fixture.definition("uses_a", "a > 0", line: 34),
            Fixture.definition("selfish", "selfish", line: 35),
        ])
        #expect(diagnostics.count == 2)
        let cycle = try #require(diagnostics.first)
        #expect(cycle.code == .deriveCycle)
        #expect(cycle.message == "derived values depend on each other in a cycle: `a` -> `b` -> `c` -> `a`")
        #expect(cycle.span?.start == SourceLocation(line: 31, column: 3))
        #expect(diagnostics[1].message == "derived values depend on each other in a cycle: `selfish` -> `selfish`")
        // `uses_a` reads a broken definition: left out, with no error of its own.
        #expect(environment.derived.map(\.name) == ["ok"])
        let (compiled, errors) = environment.compile(Fixture.text("uses_a || ok > 1"), for: .condition)
        #expect(compiled == nil)
        #expect(errors.isEmpty)
    }

    @Test func brokenDefinitionsDoNotCascade() {
        let (environment, diagnostics) = Fixture.environment(derived: [
            Fixture.definition("bad", "count + 'x'", line: 30),
            Fixture.definition("unparsable", "count +", line: 31),
            Fixture.definition("user", "bad + unparsable + 1", line: 32),
        ])
        #expect(diagnostics.map(\.code) == [.expressionSyntax, .typeMismatch])
        #expect(environment.derived.isEmpty)
    }

    @Test func derivedNamesMustBeNew() {
        let (_, diagnostics) = Fixture.environment(derived: [
            Fixture.definition("count", "1", line: 30),
            Fixture.definition("twice", "1", line: 31),
            Fixture.definition("twice", "2", line: 32),
        ])
        #expect(diagnostics.map(\.code) == [.duplicateName, .duplicateName])
        #expect(diagnostics.map { $0.span?.start.line } == [30, 32])
    }

    @Test func longDerivedChainsDoNotRecurse() {
        var definitions = [Fixture.definition("d0", "count", line: 1)]
        for i in 1..<3000 {
            definitions.append(Fixture.definition("d\(i)", "d\(i - 1) + 1", line: i + 1))
        }
        let (environment, diagnostics) = Fixture.environment(derived: definitions.reversed())
        #expect(diagnostics.isEmpty)
        let compiled = environment.compile(Fixture.text("d2999"), for: .value(.int)).0
        #expect(compiled?.evaluate(in: Fixture.context(["count": .int(1)])) == .int(3000))
    }

    @Test func settingsAreNotFacts() {
        #expect(Fixture.failure("expiring_notice_days")?.help == "did you mean `settings.expiring_notice_days`?")
    }

    @Test func evaluationIsSafeFromManyTasks() async {
        let compiled = Fixture.compile("count * 2 + (n ?? 1)").0!
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<64 {
                group.addTask { compiled.evaluate(in: Fixture.context(["count": .int(i)])) == .int(i * 2 + 1) }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
