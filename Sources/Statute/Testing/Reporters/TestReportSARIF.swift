import StatuteCore

extension DiagnosticCode {
    /// A test's expectations did not match what the engine did (`statute test --format sarif`).
    public static let testFailed: DiagnosticCode = "test-failed"
}

/// Test results as the files of a SARIF log (``SARIFRenderer``): each test file's check
/// problems (and its policy's), and one result per test that failed or stopped on an error,
/// at the test's entry.
package enum TestReportSARIF {
    /// One ``SARIFFile`` per test file, in order.
    package static func files(_ results: [TestFileResult]) -> [SARIFFile] {
        results.map { file in
            SARIFFile(path: file.file, diagnostics: file.diagnostics + file.cases.compactMap(problem))
        }
    }

    /// The diagnostic of a test that did not pass, or `nil` for one that did.
    static func problem(_ test: TestCaseResult) -> Diagnostic? {
        if let error = test.error {
            var diagnostic = error
            diagnostic.message = "test `\(test.name)`: \(error.message)"
            if diagnostic.span == nil { diagnostic.span = test.span }
            return diagnostic
        }
        guard !test.failures.isEmpty else { return nil }
        let fields = test.failures.map { "\($0.field): expected \($0.expected), actual \($0.actual)" }
        return .error(.testFailed, "test `\(test.name)` failed: " + fields.joined(separator: "; "), at: test.span,
                      help: test.result?.reason.map { "the engine's reason: \($0)" })
    }
}
