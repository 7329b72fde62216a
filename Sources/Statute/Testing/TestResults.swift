import StatuteCore

/// One field of a test whose actual value differs from the expected one.
public struct TestFailure: Hashable, Sendable {
    /// `outcome`, `status`, `steps`, `effects`, `set`, `next` or `error`.
    public let field: String
    public let expected: String
    public let actual: String
}

/// The result of one policy test.
public struct TestCaseResult: Sendable {
    public let name: String
    public let span: SourceSpan
    /// Empty when the test passed.
    public let failures: [TestFailure]
    /// The engine's result (with its explanation), when it produced one.
    public let result: EvaluationResult?
    /// An input or evaluation error that stopped the test.
    public let error: Diagnostic?

    public var passed: Bool { failures.isEmpty && error == nil }
}

/// The results of one test file.
public struct TestFileResult: Sendable {
    public let file: String
    /// The policy file the tests ran against, as resolved from the test file.
    public let policyFile: String?
    /// The compiled policy, when it loaded.
    public let policy: CompiledPolicy?
    /// Problems with the test file or its policy; any error means no test ran.
    public let diagnostics: [Diagnostic]
    public let cases: [TestCaseResult]

    public var passed: Bool { !diagnostics.hasErrors && cases.allSatisfy(\.passed) }
    public var failedCount: Int { cases.filter { !$0.passed }.count }
}

/// How well the tests of one policy exercise its transitions.
public struct PolicyCoverage: Sendable {
    public let policyFile: String
    public let policyName: String
    public let transitions: [TransitionCoverage]

    /// Transitions taken by some test, in percent (100 for a policy without transitions).
    public var percent: Double {
        transitions.isEmpty ? 100 : Double(transitions.filter(\.taken).count) * 100 / Double(transitions.count)
    }
    /// Transitions no test took, in file order.
    public var untaken: [String] { transitions.filter { !$0.taken }.map(\.id) }
    /// Guards not seen both holding and failing.
    public var guardsNotBothWays: [String] {
        transitions.filter { $0.hasGuard && !($0.guardSeenTrue && $0.guardSeenFalse) }.map(\.id)
    }
}

/// Coverage of one transition.
public struct TransitionCoverage: Hashable, Sendable {
    public let id: String
    public var taken: Bool
    public let hasGuard: Bool
    public var guardSeenTrue: Bool
    public var guardSeenFalse: Bool
}
