import StatuteCore

/// Renders policy test results as readable text: each test passed or failed, a failure's
/// expected against actual values field by field with the engine's explanation, file
/// problems as diagnostics, optional coverage, and a closing `N passed, N failed` line.
package enum TestReportText {
    /// The text report; `coverage` adds a coverage section, and `renderDiagnostics` formats file problems
    /// (a ``DiagnosticRenderer`` in text format, say).
    package static func render(_ results: [TestFileResult], coverage: [PolicyCoverage]?, style: TextStyle = .plain,
                              renderDiagnostics: ([Diagnostic]) -> String) -> String {
        var lines: [String] = []
        for file in results {
            lines.append(safe("\(file.file)" + (file.policyFile.map { " (policy \($0))" } ?? "")))
            if !file.diagnostics.isEmpty {
                lines.append(renderDiagnostics(file.diagnostics).trimmingTrailingNewlines())
            }
            for testCase in file.cases {
                lines.append("  \(testCase.passed ? style.success("✔") : style.error("✘")) \(safe(testCase.name))")
                guard !testCase.passed else { continue }
                lines.append("      at \(safe(testCase.span.file)):\(testCase.span.start.line)")
                for failure in testCase.failures {
                    lines.append("      \(safe(failure.field)):")
                    lines.append("        expected: \(safe(failure.expected))")
                    lines.append("        actual:   \(safe(failure.actual))")
                }
                if let reason = testCase.result?.reason {
                    lines.append("      reason: \(safe(reason))")
                }
                let why = (testCase.result?.explanation?.considerations ?? []).filter { $0.verdict != .wrongStatus }
                if !why.isEmpty {
                    // When the record went through several statuses, say which one each line is about.
                    let several = Set(why.map { $0.status ?? "" }).count > 1
                    lines.append("      why:")
                    lines += why.map { "        - " + (several ? "(from \(safe($0.status ?? "no status"))) " : "") + safe($0.message) }
                }
            }
        }
        if let coverage {
            lines.append("")
            lines += coverageLines(coverage)
        }
        let passed = results.reduce(0) { $0 + $1.cases.filter(\.passed).count }
        let failed = results.reduce(0) { $0 + $1.failedCount }
        let broken = results.filter { $0.diagnostics.hasErrors }.count
        lines.append("")
        if broken > 0 {
            lines.append("\(broken) test file\(broken == 1 ? " has" : "s have") errors (tests with errors were not run)")
        }
        let failedText = "\(failed) failed"
        var summary = "\(passed) passed, " + (failed > 0 ? style.error(failedText) : failedText)
        let notRun = results.flatMap(\.notRun)
        if !notRun.isEmpty {
            // Tests left out for errors of their own are counted and named, never dropped.
            summary += ", " + style.error("\(notRun.count) not run") + ": " + notRun.map { safe($0) }.joined(separator: ", ")
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    static func coverageLines(_ coverage: [PolicyCoverage]) -> [String] {
        coverage.flatMap { policy -> [String] in
            let taken = policy.transitions.filter(\.taken).count
            var lines = ["coverage: \(safe(policy.policyName)) (\(safe(policy.policyFile))): \(taken)/\(policy.transitions.count) transitions taken (\(percent(policy.percent)))"]
            if !policy.untaken.isEmpty {
                lines.append("  never taken: \(safe(policy.untaken.joined(separator: ", ")))")
            }
            if !policy.guardsNotBothWays.isEmpty {
                lines.append("  guards not seen both true and false: \(policy.guardsNotBothWays.joined(separator: ", "))")
            }
            return lines
        }
    }

    /// Text from a test file or policy, control characters escaped (docs/reliability.md).
    static func safe(_ text: String) -> String { Escaping.controlCharacters(text) }

    /// `87.5%`: a percentage with one decimal.
    package static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
