/// `manual-overlap`: two manual transitions between the same statuses that a role may
/// both request, with guards that can both hold — a request to that status is then
/// answered by whichever comes first in the file, unless it names a transition.
extension PolicyAnalyzer {
    static func manualOverlapFindings(_ context: AnalysisContext) -> [Finding] {
        let policy = context.policy
        // Manual transitions grouped by target: only those can overlap.
        var byTarget: [Int: [Transition]] = [:]
        for transition in policy.transitions where transition.mode == .manual {
            byTarget[transition.to, default: []].append(transition)
        }
        var findings: [Finding] = []
        for later in policy.transitions where later.mode == .manual {
            for earlier in byTarget[later.to] ?? [] where earlier.index < later.index {
                let common = earlier.fromStatuses.intersection(later.fromStatuses).sorted()
                let bothFromStart = earlier.fromStart && later.fromStart
                guard bothFromStart || !common.isEmpty else { continue }
                let roles = Set(policy.admittedRoles[earlier.index]).intersection(policy.admittedRoles[later.index]).sorted()
                guard !roles.isEmpty else { continue }
                let guards = [earlier, later].map { $0.guardExpression?.syntax.conjuncts ?? [] }
                guard !Exclusivity.exclusive(guards[0], guards[1]) else { continue }
                let places = (bothFromStart ? ["start"] : []) + common.map { policy.statuses[$0].id }
                let message = "manual transitions `\(earlier.id)` and `\(later.id)` both lead from "
                    + "\(AnalysisContext.list(places)) to `\(policy.statuses[later.to].id)` for "
                    + "\(AnalysisContext.list(roles.map { policy.roles[$0].name })); a request that names no transition takes `\(earlier.id)`"
                findings.append(Finding(diagnostic: .warning(
                    .manualOverlap, message, at: context.idSpan(of: later),
                    help: "merge them, give them different roles or exclusive guards, or acknowledge it on `\(later.id)`: "
                        + "`acknowledge: {manual-overlap: \"why both exist\"}`"),
                    transitions: [later.index, earlier.index]))
            }
        }
        return findings
    }
}
