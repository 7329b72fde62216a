import StatuteCore

/// Renders policy test results as JSON, for CI pipelines.
package enum TestReportJSON {
    /// The report: `files` (each with its tests and problems), `passed`, `failed` and `errors` counts, and
    /// `coverage` when given.
    package static func render(_ results: [TestFileResult], coverage: [PolicyCoverage]?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("files", .array(results.map(file))),
            ("passed", .int(results.reduce(0) { $0 + $1.cases.filter(\.passed).count })),
            ("failed", .int(results.reduce(0) { $0 + $1.failedCount })),
            ("errors", .int(results.reduce(0) { $0 + $1.diagnostics.filter(\.isError).count })),
        ]
        if let coverage { members.append(("coverage", .array(coverage.map(policyCoverage)))) }
        return .object(members)
    }

    static func file(_ result: TestFileResult) -> JSONValue {
        .object([
            ("file", .string(result.file)),
            ("policy", .text(result.policyFile)),
            ("diagnostics", .array(result.diagnostics.map(DiagnosticRenderer.json))),
            ("tests", .array(result.cases.map(testCase))),
        ])
    }

    static func testCase(_ result: TestCaseResult) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(result.name)),
            ("line", .int(result.span.start.line)),
            ("passed", .bool(result.passed)),
            ("failures", .array(result.failures.map {
                .object([("field", .string($0.field)), ("expected", .string($0.expected)), ("actual", .string($0.actual))])
            })),
        ]
        if let error = result.error { members.append(("error", DiagnosticRenderer.json(error))) }
        return .object(members)
    }

    static func policyCoverage(_ coverage: PolicyCoverage) -> JSONValue {
        .object([
            ("policy", .string(coverage.policyFile)),
            ("name", .string(coverage.policyName)),
            ("taken", .int(coverage.transitions.filter(\.taken).count)),
            ("total", .int(coverage.transitions.count)),
            ("percent", .string(TestReportText.percent(coverage.percent))),
            ("untaken", .array(coverage.untaken.map(JSONValue.string))),
            ("guards_not_both_ways", .array(coverage.guardsNotBothWays.map(JSONValue.string))),
        ])
    }
}
