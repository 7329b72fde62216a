import Testing
@testable import Statute

/// An expression written several times in a policy is compiled once (`ExpressionCache`);
/// every occurrence must still read, and be reported, as if compiled where it is written.
@Suite struct RepeatedExpressionTests {
    /// The same guard four times: plain, quoted, on a deeper line and in a multi-line
    /// scalar; the same `when` text twice; the same text as a condition and as a value.
    static let policy = """
        statute: 1
        name: repeated
        roles:
          staff: {description: Staff}
        settings:
          fast_track: {type: bool, default: false}
        facts:
          eligible: {type: bool, default: false}
          count: {type: int, default: 0}
        statuses:
          open: {label: Open}
          held: {label: Held}
          done: {label: Done, final: true}
        transitions:
          - id: open
            from: start
            to: open
            mode: manual
            by: staff
          - id: first
            from: open
            to: held
            mode: automatic
            when: eligible && (count > 1)
            guard: settings.fast_track && eligible
          - id: second
            from: held
            to: done
            mode: automatic
            when: eligible && (count > 1)
            guard: "settings.fast_track && eligible"
          - id: third
            from: [open, held]
            to: done
            mode: manual
            by: staff
            guard:      settings.fast_track && eligible
            set:
              eligible: eligible
          - id: fourth
            from: held
            to: open
            mode: manual
            by: staff
            guard: >-
              settings.fast_track
              && eligible

        """

    static func load(_ text: String) -> LoadedPolicy {
        PolicyLoader.load(bytes: Array(text.utf8), file: "repeated.yaml")
    }

    /// Every node's span, in preorder.
    static func spans(_ syntax: ExpressionSyntax) -> [SourceSpan] {
        [syntax.span] + syntax.children.flatMap(spans)
    }

    @Test func eachOccurrenceHasTheTreeAndSpansOfItsOwnParse() throws {
        let loaded = Self.load(Self.policy)
        let policy = try #require(loaded.policy)
        var expressions: [CompiledExpression] = []
        for transition in policy.transitions {
            if case .when(let e) = transition.trigger { expressions.append(e) }
            if let g = transition.guardExpression { expressions.append(g) }
            expressions += transition.assignments.map(\.value)
        }
        #expect(expressions.count == 7)
        for expression in expressions {
            let (parsed, diagnostics) = ExpressionParser.parse(expression.source)
            let fresh = try #require(parsed)
            #expect(diagnostics.isEmpty)
            #expect(expression.unpackedSyntax() == fresh)
            #expect(Self.spans(expression.unpackedSyntax()) == Self.spans(fresh))
        }
        // Four guards on four lines, none pointing at another's text.
        let guardLines = policy.transitions.compactMap { $0.guardExpression?.unpackedSyntax().span.start.line }
        #expect(guardLines == [25, 31, 37, 46])
    }

    @Test func warningsOnARepeatedConditionPointAtEachOccurrence() {
        let loaded = Self.load(Self.policy)
        let warnings = loaded.diagnostics.filter { $0.code == .settingDisablesTransition }
        #expect(warnings.map { $0.span?.start } == [
            SourceLocation(line: 25, column: 12), SourceLocation(line: 31, column: 13),
            SourceLocation(line: 37, column: 17), SourceLocation(line: 46, column: 7),
        ])
    }

    @Test func errorsInARepeatedExpressionAreReportedAtEachOccurrence() {
        let broken = Self.policy.replacingOccurrences(of: "when: eligible && (count > 1)", with: "when: eligble && (count > 1)")
        let loaded = Self.load(broken)
        let unknown = loaded.diagnostics.filter { $0.code == .unknownName }
        #expect(unknown.map { $0.span?.start.line } == [24, 30])
        #expect(unknown.allSatisfy { $0.help == "did you mean `eligible`?" })
    }

    @Test func theSameTextForAnotherPurposeIsCheckedForThatPurpose() {
        // `eligible && (count > 1)` is a fine `when` but not a value for the int fact `count`.
        let mixed = Self.policy.replacingOccurrences(of: "      eligible: eligible", with: "      count: eligible && (count > 1)")
        let loaded = Self.load(mixed)
        #expect(loaded.diagnostics.contains { $0.code == .typeMismatch && $0.span?.start.line == 39 })
    }
}
