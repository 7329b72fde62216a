import StatuteCore

/// Transition coverage as line and branch coverage, the model of lcov and Cobertura:
/// each transition is a line (the line its entry starts on, that of its `- id:`), hit
/// once per test that took it; each guard is a pair of branches, the guard holding
/// (branch 0) and failing (branch 1), each counted once per test that saw it.
package struct CoverageLines: Sendable {
    /// One line of a policy file.
    package struct Line: Sendable {
        /// The 1-based line number.
        package let number: Int
        /// How many tests took a transition that starts on this line.
        package let hits: Int
        /// The guards' branches of the transitions on this line.
        package let branches: [Branch]
    }

    /// One branch of a guard.
    package struct Branch: Sendable {
        /// The transition's position in the policy (lcov's block number).
        package let block: Int
        /// 0: the guard held; 1: it failed.
        package let branch: Int
        /// How many tests saw this branch.
        package let tests: Int
        /// Whether any test evaluated the guard at all.
        package let evaluated: Bool
    }

    /// The policy file, as the test files named it.
    package let policyFile: String
    /// The policy's name.
    package let policyName: String
    /// Its lines with transitions, by line number.
    package let lines: [Line]

    /// The lines of `coverage`: transitions sharing a line (flow style) are added up.
    package init(_ coverage: PolicyCoverage) {
        policyFile = coverage.policyFile
        policyName = coverage.policyName
        var byLine: [Int: (hits: Int, branches: [Branch])] = [:]
        for (block, transition) in coverage.transitions.enumerated() {
            let number = max(transition.span.start.line, 1)
            var line = byLine[number] ?? (0, [])
            line.hits += transition.testsTaking
            if transition.hasGuard {
                let evaluated = transition.testsGuardHeld + transition.testsGuardFailed > 0
                line.branches.append(Branch(block: block, branch: 0, tests: transition.testsGuardHeld, evaluated: evaluated))
                line.branches.append(Branch(block: block, branch: 1, tests: transition.testsGuardFailed, evaluated: evaluated))
            }
            byLine[number] = line
        }
        lines = byLine.keys.sorted().map { Line(number: $0, hits: byLine[$0]!.hits, branches: byLine[$0]!.branches) }
    }

    /// Lines with transitions.
    package var linesFound: Int { lines.count }
    /// Lines with a transition some test took.
    package var linesHit: Int { lines.filter { $0.hits > 0 }.count }
    /// Guard branches.
    package var branchesFound: Int { lines.reduce(0) { $0 + $1.branches.count } }
    /// Guard branches some test saw.
    package var branchesHit: Int { lines.reduce(0) { $0 + $1.branches.filter { $0.tests > 0 }.count } }
}
