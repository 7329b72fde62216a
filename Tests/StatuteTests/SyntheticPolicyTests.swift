import Statute
import StatuteCore
import StatuteSynthetic
import Testing

@Suite struct SyntheticPolicyTests {
    /// docs/reliability.md: a policy of thousands of statuses that fits in the file limit loads. 2,000
    /// statuses are about 10,000 transitions and 2.3 MB.
    @Test func aPolicyOfTwoThousandStatusesLoadsWithNoError() throws {
        let text = SyntheticPolicy.yaml(statuses: 2_000)
        #expect(text.utf8.count > 2_000_000)
        #expect(text.utf8.count < 4 * 1024 * 1024)
        let loaded = PolicyLoader.load(text: text, file: "synthetic.yaml")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let policy = try #require(loaded.policy)
        #expect(policy.statuses.count == 2_001)
        #expect(policy.transitions.count == 5 * 1_999 + 3)
    }

    @Test func aSmallGeneratedPolicyHasNoWarnings() {
        let loaded = PolicyLoader.load(text: SyntheticPolicy.yaml(statuses: 40), file: "synthetic.yaml")
        #expect(loaded.policy != nil)
        #expect(loaded.diagnostics.map(\.description) == [])
    }

    @Test func theGeneratorIsDeterministic() {
        #expect(SyntheticPolicy.yaml(statuses: 30) == SyntheticPolicy.yaml(statuses: 30))
    }

    @Test func generatedPoliciesUseEveryKindOfTransitionAndExpression() throws {
        let policy = try #require(PolicyLoader.load(text: SyntheticPolicy.yaml(statuses: 30), file: "s.yaml").policy)
        let kinds = Set(policy.transitions.map(\.trigger.kind))
        #expect(kinds == Set(TriggerKind.allCases))
        #expect(policy.transitions.contains { $0.fromStart && !$0.fromStatuses.isEmpty })
        #expect(policy.transitions.contains { $0.fromWritten.contains(.anyStatus) })
        #expect(policy.transitions.contains { $0.guardExpression != nil && $0.mode == .manual })
        #expect(policy.transitions.contains { !$0.assignments.isEmpty && $0.mode == .automatic })
        #expect(policy.transitions.contains { !$0.effects.isEmpty })
        #expect(policy.transitions.contains { $0.roles.count > 1 })
        #expect(policy.roles.contains { !$0.includes.isEmpty })
        #expect(policy.environment.derived.contains { $0.expression.reads.contains { $0.kind == .derived } })

        var syntaxes = policy.environment.derived.map { $0.expression.unpackedSyntax() }
        for transition in policy.transitions {
            switch transition.trigger {
            case .when(let e), .at(let e): syntaxes.append(e.unpackedSyntax())
            case .event, .manual: break
            }
            if let g = transition.guardExpression { syntaxes.append(g.unpackedSyntax()) }
            syntaxes += transition.assignments.map { $0.value.unpackedSyntax() }
        }
        var binary = Set<BinaryOperator>(), unary = Set<UnaryOperator>(), calls = Set<String>()
        var literals = Set<String>(), conditional = false, today = false, settings = false
        var stack = syntaxes
        while let syntax = stack.popLast() {
            switch syntax.kind {
            case .binary(let op, _, _): binary.insert(op)
            case .unary(let op, _): unary.insert(op)
            case .call(let name, _): calls.insert(name)
            case .conditional: conditional = true
            case .name(let name):
                today = today || name == "today"
                settings = settings || name.hasPrefix("settings.")
            case .literal(let literal):
                switch literal {
                case .null: literals.insert("null")
                case .bool(let b): literals.insert(String(b))
                case .int: literals.insert("int")
                case .string: literals.insert("string")
                }
            case .list: literals.insert("list")
            }
            stack += syntax.children
        }
        #expect(binary == Set(BinaryOperator.allCases))
        #expect(unary == Set(UnaryOperator.allCases))
        #expect(calls == ["days", "months", "years", "date", "min", "max", "days_between"])
        #expect(literals == ["null", "true", "false", "int", "string", "list"])
        #expect(conditional && today && settings)
    }
}
