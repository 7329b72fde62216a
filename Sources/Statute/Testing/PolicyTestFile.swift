import StatuteCore
import StatuteYAML

/// A `name: value` entry whose value is converted once the policy's declared type is known.
public struct NamedNode: Hashable, Sendable {
    public var name: Located<String>
    public var value: YAMLNode
}

/// What a policy test asks the engine to do.
public enum TestRequest: Hashable, Sendable {
    case evaluate
    case event(Located<String>)
    case manual(status: Located<String>, role: Located<String>?, transition: Located<String>?)
}

/// An expected `next`: each part optional.
public struct ExpectedNext: Hashable, Sendable {
    public var transition: Located<String>?
    public var to: Located<String>?
    public var date: Located<String>?
}

/// What a policy test expects; each field optional, those given must match exactly.
public struct TestExpectation: Hashable, Sendable {
    public var outcome: Located<String>?
    /// A `null` status (`.some(value: nil)`) means the record must stay new.
    public var status: Located<String?>?
    public var steps: [Located<String>]?
    public var effects: [Located<String>]?
    /// Facts assigned by `set`, compared after conversion by each fact's declared type.
    public var assignments: [NamedNode]?
    /// A `null` next (`.some(value: nil)`) means no change may be scheduled.
    public var next: Located<ExpectedNext?>?
}

/// One test of a policy test file (SPEC §5.3).
public struct PolicyTestCase: Hashable, Sendable {
    public var name: String
    public var span: SourceSpan
    public var today: Located<String>?
    public var status: Located<String>?
    public var facts: [NamedNode]
    public var settings: [NamedNode]
    public var request: TestRequest
    public var expect: TestExpectation
}

/// A policy test file as written: the policy it tests, shared inputs, and its tests.
public struct PolicyTestFile: Hashable, Sendable {
    public var file: String
    /// The policy's path as written (relative to the test file).
    public var policy: Located<String>?
    public var today: Located<String>?
    public var facts: [NamedNode]
    public var settings: [NamedNode]
    public var tests: [PolicyTestCase]
}
