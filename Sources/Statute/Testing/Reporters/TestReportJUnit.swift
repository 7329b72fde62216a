import StatuteCore

/// Renders policy test results as JUnit XML (testsuites → testsuite → testcase →
/// failure/error), the shape CI systems ingest.
package enum TestReportJUnit {
    /// The JUnit XML document: one `testsuite` per test file; a file with errors counts as one errored test.
    package static func render(_ results: [TestFileResult]) -> String {
        let tests = results.reduce(0) { $0 + $1.cases.count + ($1.diagnostics.hasErrors ? 1 : 0) }
        let failures = results.reduce(0) { $0 + $1.cases.filter { !$0.failures.isEmpty && $0.error == nil }.count }
        let errors = results.reduce(0) { $0 + $1.cases.filter { $0.error != nil }.count + ($1.diagnostics.hasErrors ? 1 : 0) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"statute\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for file in results {
            let fileFailures = file.cases.filter { !$0.failures.isEmpty && $0.error == nil }.count
            let fileErrors = file.cases.filter { $0.error != nil }.count + (file.diagnostics.hasErrors ? 1 : 0)
            let fileTests = file.cases.count + (file.diagnostics.hasErrors ? 1 : 0)
            xml += "  <testsuite name=\"\(escape(file.file))\" tests=\"\(fileTests)\" failures=\"\(fileFailures)\" errors=\"\(fileErrors)\">\n"
            if file.diagnostics.hasErrors {
                let text = file.diagnostics.map(\.description).joined(separator: "\n")
                xml += "    <testcase name=\"load\" classname=\"\(escape(file.file))\">\n"
                xml += "      <error message=\"the test file or its policy has errors\">\(escape(text, attribute: false))</error>\n"
                xml += "    </testcase>\n"
            }
            for testCase in file.cases {
                xml += "    <testcase name=\"\(escape(testCase.name))\" classname=\"\(escape(file.file))\" file=\"\(escape(testCase.span.file))\" line=\"\(testCase.span.start.line)\""
                if testCase.passed {
                    xml += "/>\n"
                    continue
                }
                xml += ">\n"
                if let error = testCase.error {
                    xml += "      <error message=\"\(escape(error.message))\">\(escape(error.description, attribute: false))</error>\n"
                } else {
                    let summary = testCase.failures.map { "\($0.field): expected \($0.expected), actual \($0.actual)" }
                    xml += "      <failure message=\"\(escape(summary.first ?? "failed"))\">\(escape(summary.joined(separator: "\n"), attribute: false))</failure>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// Escapes text for XML attributes (newlines as `&#10;`) or content; other control
    /// characters become visible escapes (`\u001B`), U+FFFE and U+FFFF are dropped.
    static func escape(_ text: String, attribute: Bool = true) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += attribute ? "&#10;" : "\n"
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                // Control characters (XML 1.0 forbids most of C0) are shown as escapes (docs/reliability.md).
                if Escaping.isUnsafe(scalar) { result += Escaping.hex(scalar) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
