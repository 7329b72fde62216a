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
                    TransitionCoverage(id: $0.id, taken: false, hasGuard: $0.guardExpression != nil,
                                       guardSeenTrue: false, guardSeenFalse: false)
                })
            }
            var transitions = byPolicy[path]!.transitions
            for testCase in file.cases {
                guard let result = testCase.result else { continue }
                for step in result.steps {
                    if let index = transitions.firstIndex(where: { $0.id == step.transition }) {
                        transitions[index].taken = true
                        transitions[index].guardSeenTrue = true
                    }
                }
                for consideration in result.explanation?.considerations ?? [] {
                    guard let index = transitions.firstIndex(where: { $0.id == consideration.transition }) else { continue }
                    switch consideration.guardHeld {
                    case true?: transitions[index].guardSeenTrue = true
                    case false?: transitions[index].guardSeenFalse = true
                    case nil: break
                    }
                }
            }
            byPolicy[path]!.transitions = transitions
        }
        return order.map { PolicyCoverage(policyFile: $0, policyName: byPolicy[$0]!.name, transitions: byPolicy[$0]!.transitions) }
    }
}
