import StatuteCore
import StatuteYAML

/// Lowers a YAML test file into a ``PolicyTestFile``, reporting shape problems.
struct TestFileLowering {
    static let fileKeys = ["policy", "description", "today", "settings", "facts", "tests"]
    static let testKeys = ["name", "description", "today", "status", "facts", "settings", "event", "set", "as",
                           "transition", "expect"]
    static let expectKeys = ["outcome", "status", "steps", "effects", "set", "next"]
    static let nextKeys = ["transition", "to", "date"]

    let file: String
    var diagnostics: [Diagnostic] = []

    mutating func lower(_ root: YAMLNode) -> PolicyTestFile {
        var result = PolicyTestFile(file: file, policy: nil, today: nil, facts: [], settings: [], tests: [])
        guard let top = MappingReader(root, context: "the test file", allowed: Self.fileKeys,
                                      required: ["policy", "tests"], diagnostics: &diagnostics) else { return result }
        if let n = top["policy"] { result.policy = NodeReading.text(n, what: "`policy`", diagnostics: &diagnostics) }
        if let n = top["today"] { result.today = NodeReading.text(n, what: "`today`", diagnostics: &diagnostics) }
        if let n = top["facts"] { result.facts = namedNodes(n, what: "`facts`") }
        if let n = top["settings"] { result.settings = namedNodes(n, what: "`settings`") }
        if let n = top["tests"] {
            // A test with an error of its own (an unknown key in `expect`, say) is marked:
            // it is still checked against the policy (every problem is reported), but it is
            // neither run nor counted as passed.
            result.tests = NodeReading.list(n, what: "`tests`", diagnostics: &diagnostics).enumerated()
                .compactMap { position, node in
                    let before = diagnostics.count
                    var test = lowerTest(node, position: position + 1)
                    if diagnostics[before...].contains(where: \.isError) { test?.hasErrors = true }
                    return test
                }
        }
        return result
    }

    private mutating func namedNodes(_ node: YAMLNode, what: String) -> [NamedNode] {
        if node.scalar?.isNull == true { return [] }
        guard let entries = node.mapping else {
            diagnostics.append(.error(.wrongType, "\(what) must be a mapping, found \(node.kindDescription)", at: node.span))
            return []
        }
        return entries.compactMap { entry in
            NodeReading.name(entry.key, what: "a name in \(what)", diagnostics: &diagnostics)
                .map { NamedNode(name: $0, value: entry.value) }
        }
    }

    private mutating func lowerTest(_ node: YAMLNode, position: Int) -> PolicyTestCase? {
        let label = node["name"]?.scalar.map { "test `\($0.value)`" } ?? "test #\(position)"
        guard let reader = MappingReader(node, context: label, allowed: Self.testKeys, required: ["name"],
                                         diagnostics: &diagnostics) else { return nil }
        let name = reader["name"].flatMap { NodeReading.text($0, what: "`name`", diagnostics: &diagnostics)?.value }
            ?? "test #\(position)"
        var test = PolicyTestCase(name: name, span: node.span, today: nil, status: nil, facts: [], settings: [],
                                  request: .evaluate, expect: TestExpectation())
        if let n = reader["today"] { test.today = NodeReading.text(n, what: "`today`", diagnostics: &diagnostics) }
        if let n = reader["status"], n.scalar?.isNull != true {
            test.status = NodeReading.name(n, what: "`status`", diagnostics: &diagnostics)
        }
        if let n = reader["facts"] { test.facts = namedNodes(n, what: "`facts`") }
        if let n = reader["settings"] { test.settings = namedNodes(n, what: "`settings`") }
        test.request = lowerRequest(reader, label: label)
        if let n = reader["expect"] {
            test.expect = lowerExpectation(n, label: label)
            if test.expect == TestExpectation(), n.mapping?.isEmpty ?? (n.scalar?.isNull == true) {
                diagnostics.append(.error(.missingKey, "\(label) expects nothing", at: n.span,
                                          help: "give at least one of \(Self.expectKeys.map { "`\($0)`" }.joined(separator: ", "))"))
            }
        } else {
            diagnostics.append(.error(.missingKey, "\(label) has no `expect`, so it could never fail",
                                      at: reader["name"]?.span ?? node.span,
                                      help: "add `expect:` with at least one of \(Self.expectKeys.map { "`\($0)`" }.joined(separator: ", "))"))
        }
        return test
    }

    private mutating func lowerRequest(_ reader: MappingReader, label: String) -> TestRequest {
        let event = reader["event"].flatMap { NodeReading.name($0, what: "`event`", diagnostics: &diagnostics) }
        let target = reader["set"].flatMap { NodeReading.name($0, what: "`set` (a status)", diagnostics: &diagnostics) }
        let role = reader["as"].flatMap { NodeReading.name($0, what: "`as` (a role)", diagnostics: &diagnostics) }
        let transition = reader["transition"].flatMap {
            NodeReading.name($0, what: "`transition`", diagnostics: &diagnostics)
        }
        if event != nil, let target {
            diagnostics.append(.error(.conflictingTriggers, "\(label) has both `event` and `set`", at: target.span,
                                      help: "a test reports an event, or requests a status, or neither"))
        }
        if let target {
            if role == nil {
                diagnostics.append(.error(.missingKey, "\(label) requests status `\(target.value)` without `as`",
                                          at: target.span, help: "add `as: ROLE`, the role making the request"))
            }
            return .manual(status: target, role: role, transition: transition)
        }
        for (key, value) in [("as", role), ("transition", transition)] {
            if let value {
                diagnostics.append(.error(.invalidValue, "`\(key)` is only meaningful with `set`", at: value.span))
            }
        }
        return event.map(TestRequest.event) ?? .evaluate
    }

    private mutating func lowerExpectation(_ node: YAMLNode, label: String) -> TestExpectation {
        var expect = TestExpectation()
        guard let reader = MappingReader(node, context: "`expect` of \(label)", allowed: Self.expectKeys,
                                         diagnostics: &diagnostics) else { return expect }
        if let n = reader["outcome"], let text = NodeReading.name(n, what: "`outcome`", diagnostics: &diagnostics) {
            if Outcome(rawValue: text.value) == nil {
                diagnostics.append(.error(.invalidValue, "unknown outcome `\(text.value)`", at: text.span,
                                          help: Suggestions.didYouMean(text.value, in: Outcome.allCases.map(\.rawValue))
                                            ?? "outcomes are `changed`, `unchanged`, `ignored` and `rejected`"))
            }
            expect.outcome = text
        }
        if let n = reader["status"] {
            if n.scalar?.isNull == true {
                expect.status = Located(nil, at: n.span)
            } else if let text = NodeReading.name(n, what: "`status`", diagnostics: &diagnostics) {
                expect.status = Located(text.value, at: text.span)
            }
        }
        if let n = reader["steps"] { expect.steps = NodeReading.list(n, what: "`steps`", diagnostics: &diagnostics).compactMap {
            NodeReading.name($0, what: "a transition id", diagnostics: &diagnostics) } }
        if let n = reader["effects"] { expect.effects = NodeReading.list(n, what: "`effects`", diagnostics: &diagnostics).compactMap {
            NodeReading.name($0, what: "an effect", diagnostics: &diagnostics) } }
        if let n = reader["set"] { expect.assignments = namedNodes(n, what: "`set`") }
        if let n = reader["next"] {
            if n.scalar?.isNull == true {
                expect.next = Located(nil, at: n.span)
            } else if let next = MappingReader(n, context: "`next`", allowed: Self.nextKeys, diagnostics: &diagnostics) {
                var value = ExpectedNext()
                value.transition = next["transition"].flatMap { NodeReading.name($0, what: "`transition`", diagnostics: &diagnostics) }
                value.to = next["to"].flatMap { NodeReading.name($0, what: "`to`", diagnostics: &diagnostics) }
                value.date = next["date"].flatMap { NodeReading.text($0, what: "`date`", diagnostics: &diagnostics) }
                expect.next = Located(value, at: n.span)
            }
        }
        return expect
    }
}
