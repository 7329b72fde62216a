import StatuteCore
package import StatuteYAML

/// A `name: value` entry whose value is converted once the policy's declared type is known.
package struct NamedNode: Hashable, Sendable {
    /// The fact or setting name, with where it is written.
    package var name: Located<String>
    /// The value as written, still a YAML node until the declared type is known.
    package var value: YAMLNode
}

/// What a policy test asks the engine to do.
package enum TestRequest: Hashable, Sendable {
    /// No request: a plain evaluation (time and facts may have changed).
    case evaluate
    /// `event:` — the test reports this event.
    case event(Located<String>)
    /// `set:` — a manual request for a status, with `as:` (the role; `nil` when missing, reported) and an
    /// optional `transition:`.
    case manual(status: Located<String>, role: Located<String>?, transition: Located<String>?)
}

/// An expected `next`: each part optional.
package struct ExpectedNext: Hashable, Sendable {
    /// The expected transition id, or `nil` when not checked.
    package var transition: Located<String>?
    /// The expected target status id, or `nil` when not checked.
    package var to: Located<String>?
    /// The expected date as written (`YYYY-MM-DD`), or `nil` when not checked.
    package var date: Located<String>?
}

/// What a policy test expects; each field optional, those given must match exactly.
package struct TestExpectation: Hashable, Sendable {
    /// `outcome:` as written (`changed`, `unchanged`, `ignored`, `rejected`), or `nil` when not checked.
    package var outcome: Located<String>?
    /// A `null` status (`.some(value: nil)`) means the record must stay new.
    package var status: Located<String?>?
    /// `steps:` — the transition ids expected to be taken, in order.
    package var steps: [Located<String>]?
    /// `effects:` — the effects expected, in order.
    package var effects: [Located<String>]?
    /// Facts assigned by `set`, compared after conversion by each fact's declared type.
    package var assignments: [NamedNode]?
    /// A `null` next (`.some(value: nil)`) means no change may be scheduled.
    package var next: Located<ExpectedNext?>?
}

/// One test of a policy test file (docs/test-files.md).
package struct PolicyTestCase: Hashable, Sendable {
    /// `name:` — what the test checks, in a sentence.
    package var name: String
    /// The whole test entry in the test file.
    package var span: SourceSpan
    /// `today:` as written, overriding the file's; `nil` to use the file's or the local date.
    package var today: Located<String>?
    /// `status:` — the record's status before the test; `nil` for a new record.
    package var status: Located<String>?
    /// `facts:` — the record's facts, merged over the file's shared facts.
    package var facts: [NamedNode]
    /// `settings:` — settings merged over the file's shared settings.
    package var settings: [NamedNode]
    /// The event, manual request or plain evaluation the test performs.
    package var request: TestRequest
    /// `expect:` — what the result must show.
    package var expect: TestExpectation
    /// Whether reading the test itself found an error (an unknown key, say): such a test
    /// is checked but never run.
    package var hasErrors = false
}

/// A policy test file as written: the policy it tests, shared inputs, and its tests.
package struct PolicyTestFile: Hashable, Sendable {
    /// The test file as the caller named it.
    package var file: String
    /// The policy's path as written (relative to the test file).
    package var policy: Located<String>?
    /// `today:` shared by every test that does not give its own, or `nil`.
    package var today: Located<String>?
    /// `facts:` shared by every test.
    package var facts: [NamedNode]
    /// `settings:` shared by every test.
    package var settings: [NamedNode]
    /// `tests:` — the tests, in file order.
    package var tests: [PolicyTestCase]
}
