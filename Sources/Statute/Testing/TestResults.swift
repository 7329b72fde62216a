import StatuteCore

/// One field of a test whose actual value differs from the expected one.
public struct TestFailure: Hashable, Sendable {
    /// `outcome`, `status`, `steps`, `effects`, `set`, `next` or `error`.
    public let field: String
    /// The expected value, as reports print it.
    public let expected: String
    /// The actual value, as reports print it.
    public let actual: String
}

/// The result of one policy test.
public struct TestCaseResult: Sendable {
    /// The test's name.
    public let name: String
    /// The whole test entry in the test file.
    public let span: SourceSpan
    /// Empty when the test passed.
    public let failures: [TestFailure]
    /// The engine's result (with its explanation), when it produced one.
    public let result: EvaluationResult?
    /// An input or evaluation error that stopped the test.
    public let error: Diagnostic?

    /// Whether every expectation matched and no error stopped the test.
    public var passed: Bool { failures.isEmpty && error == nil }
}

/// The results of one test file.
public struct TestFileResult: Sendable {
    /// The test file as the caller named it.
    public let file: String
    /// The policy file the tests ran against, as resolved from the test file.
    public let policyFile: String?
    /// The compiled policy, when it loaded.
    public let policy: CompiledPolicy?
    /// Problems with the test file or its policy; any error means no test ran.
    public let diagnostics: [Diagnostic]
    /// The result of each test that ran, in file order.
    public let cases: [TestCaseResult]
    /// The names of the tests that did not run because of an error of their own (an
    /// unknown fact, say), in file order; reports count and name them.
    package var notRun: [String] = []

    /// Whether the file had no errors and every test passed.
    public var passed: Bool { !diagnostics.hasErrors && notRun.isEmpty && cases.allSatisfy(\.passed) }
    /// How many tests failed (or stopped on an error).
    public var failedCount: Int { cases.filter { !$0.passed }.count }
}

/// How well the tests of one policy exercise its transitions.
package struct PolicyCoverage: Sendable {
    /// The policy file, as resolved from the test files.
    package let policyFile: String
    /// The policy's `name:`.
    package let policyName: String
    /// Every transition of the policy, in priority order.
    package let transitions: [TransitionCoverage]

    /// Transitions taken by some test, in percent (100 for a policy without transitions).
    package var percent: Double {
        transitions.isEmpty ? 100 : Double(transitions.filter(\.taken).count) * 100 / Double(transitions.count)
    }
    /// Transitions no test took, in file order.
    package var untaken: [String] { transitions.filter { !$0.taken }.map(\.id) }
    /// Guards not seen both holding and failing.
    package var guardsNotBothWays: [String] {
        transitions.filter { $0.hasGuard && !($0.guardSeenTrue && $0.guardSeenFalse) }.map(\.id)
    }
}

/// Coverage of one transition. The counts are of tests: how many tests took the
/// transition (at least once), saw its guard hold, or saw it fail.
package struct TransitionCoverage: Hashable, Sendable {
    /// The transition id.
    package let id: String
    /// Where the transition's entry is in the policy file (its `- id:` line starts it).
    package let span: SourceSpan
    /// Whether the transition has a `guard:`.
    package let hasGuard: Bool
    /// How many tests took the transition.
    package var testsTaking = 0
    /// How many tests saw the guard hold.
    package var testsGuardHeld = 0
    /// How many tests saw the guard fail.
    package var testsGuardFailed = 0

    /// Whether some test took the transition.
    package var taken: Bool { testsTaking > 0 }
    /// Whether some test saw the guard hold.
    package var guardSeenTrue: Bool { testsGuardHeld > 0 }
    /// Whether some test saw the guard fail.
    package var guardSeenFalse: Bool { testsGuardFailed > 0 }
}
