import StatuteCore

/// Computes transition and guard coverage from test results, per policy file.
package enum CoverageAnalysis {
    /// One coverage report per policy tested, in the order policies were first seen.
    package static func coverage(of results: [TestFileResult]) -> [PolicyCoverage] {
        var order: [String] = []
        var byPolicy: [String: (name: String, transitions: [TransitionCoverage])] = [:]
        for file in results {
            guard let policy = file.policy, let path = file.policyFile else { continue }
            if byPolicy[path] == nil {
                order.append(path)
                byPolicy[path] = (policy.name, policy.transitions.map {
                    TransitionCoverage(id: $0.id, span: $0.span, hasGuard: $0.guardExpression != nil)
                })
            }
            var transitions = byPolicy[path]!.transitions
            for testCase in file.cases {
                guard let result = testCase.result else { continue }
                // What this test did, each transition counted once however often it happened.
                var took = Set<Int>(), held = Set<Int>(), failed = Set<Int>()
                for step in result.steps {
                    if let index = transitions.firstIndex(where: { $0.id == step.transition }) {
                        took.insert(index)
                        held.insert(index)
                    }
                }
                for consideration in result.explanation?.considerations ?? [] {
                    guard let index = transitions.firstIndex(where: { $0.id == consideration.transition }) else { continue }
                    switch consideration.guardHeld {
                    case true?: held.insert(index)
                    case false?: failed.insert(index)
                    case nil: break
                    }
                }
                for index in took { transitions[index].testsTaking += 1 }
                for index in held where transitions[index].hasGuard { transitions[index].testsGuardHeld += 1 }
                for index in failed { transitions[index].testsGuardFailed += 1 }
            }
            byPolicy[path]!.transitions = transitions
        }
        return order.map { PolicyCoverage(policyFile: $0, policyName: byPolicy[$0]!.name, transitions: byPolicy[$0]!.transitions) }
    }
}
