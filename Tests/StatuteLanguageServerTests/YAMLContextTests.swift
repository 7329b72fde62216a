import Testing
@testable import StatuteLanguageServer

/// Where a position is, read from half-typed YAML: block keys, list items and flow collections.
@Suite struct YAMLContextTests {
    static let testFileAbove = ["policy: p.yaml", "tests:", "  - name: t"]
    static let policyAbove = ["statute: 1", "transitions:", "  - id: x"]

    @Test(arguments: [
        // (the line up to the position, the keys above it, the key whose value it is in)
        ("    status: ", ["tests", "-"], "status"),
        ("    expect: {status: ", ["tests", "-", "expect"], "status"),
        ("    expect: {steps: [a, ", ["tests", "-", "expect"], "steps"),
        ("    expect: {next: {to: ", ["tests", "-", "expect", "next"], "to"),
        ("    expect: {outcome: changed, next: {transition: ", ["tests", "-", "expect", "next"], "transition"),
        ("    facts: {a: 1, ", ["tests", "-", "facts"], nil),
        ("    facts: {a: 'x, y', b: \"{\", ", ["tests", "-", "facts"], nil),
        ("    expect: {effects: [x], status: [", ["tests", "-", "expect"], "status"),
        ("  - {name: \"é𝄞漢\", event: ", ["tests", "-"], "event"),
        ("  - {name: x, expect: {status: ", ["tests", "-", "expect"], "status"),
    ] as [(String, [String], String?)])
    func inATestFile(prefix: String, path: [String], valueKey: String?) {
        let context = YAMLContext(linesAbove: Self.testFileAbove, prefix: prefix)
        #expect(context.path == path)
        #expect(context.valueKey == valueKey)
    }

    @Test(arguments: [
        ("    from: [active, ", ["transitions", "-"], "from"),
        ("    to: ex", ["transitions", "-"], "to"),
        ("    set: {completed_on: to", ["transitions", "-", "set"], "completed_on"),
        ("    when: \"a && {b", ["transitions", "-"], "when"),
        ("  - {id: y, from: [a, ", ["transitions", "-"], "from"),
        ("  - {id: y, to: ", ["transitions", "-"], "to"),
        ("  - {id: y, when: \"'é𝄞漢' != '' && settings.", ["transitions", "-"], "when"),
        ("    gu", ["transitions", "-"], nil),
    ] as [(String, [String], String?)])
    func inAPolicy(prefix: String, path: [String], valueKey: String?) {
        let context = YAMLContext(linesAbove: Self.policyAbove, prefix: prefix)
        #expect(context.path == path)
        #expect(context.valueKey == valueKey)
    }

    @Test func theWrittenPolicyOfAnUnreadableTestFile() {
        #expect(CompletionFeature.writtenPolicy(["# x", "policy: \"certification.yaml\" # the default", "tests: ["]) == "certification.yaml")
        #expect(CompletionFeature.writtenPolicy(["tests:", "  policy: x.yaml"]) == nil)
        #expect(CompletionFeature.writtenPolicy(["policy:"]) == nil)
    }
}
