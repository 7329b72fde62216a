import ArgumentParser
import Foundation
import Statute

/// `statute test [PATH…] [--format text|json|junit|sarif] [--coverage] [--min-coverage N]
/// [--coverage-format lcov|cobertura --coverage-output FILE]` (docs/test-files.md, docs/ci.md).
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy test files.",
        discussion: """
            PATHs are test files or folders (searched for *.yaml/*.yml files with a top-level \
            `tests` key). Without PATH, `policies/` is searched. Tests without a `today` \
            (in the test or the file) use today's local date. Exit status 1 when a test \
            fails, a test file or its policy has errors, or coverage is below --min-coverage; \
            2 when a PATH does not exist or the coverage file cannot be written. \
            --format sarif writes a SARIF 2.1.0 log of the test files' problems and the failed \
            tests; --coverage-output writes the coverage as lcov or Cobertura XML (docs/ci.md).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, sarif
    }

    enum CoverageFormat: String, ExpressibleByArgument, CaseIterable {
        case lcov, cobertura
    }

    @Argument(help: "Test files, or folders to search.")
    var paths: [String] = []

    @Option(help: "Output format: text, json, junit or sarif.")
    var format: Format = .text

    @Flag(help: "Report, per policy, the transitions no test took and the percentage taken.")
    var coverage = false

    @OptionGroup var color: ColorOptions

    @Option(name: .customLong("min-coverage"), help: "Fail when a policy's transition coverage is below N percent (implies --coverage).")
    var minCoverage: Double?

    @Option(name: .customLong("coverage-format"), help: "Format of the --coverage-output file: lcov or cobertura (default lcov).")
    var coverageFormat: CoverageFormat?

    @Option(name: .customLong("coverage-output"), help: "Write transition and guard coverage to FILE (implies --coverage).")
    var coverageOutput: String?

    func validate() throws {
        if coverageFormat != nil, coverageOutput == nil {
            throw ValidationError("--coverage-format needs --coverage-output FILE to write the coverage to")
        }
        if let minCoverage, !(minCoverage >= 0 && minCoverage <= 100) {
            throw ValidationError("--min-coverage must be a percentage from 0 to 100, got `\(minCoverage)`")
        }
    }

    func run() throws {
        if paths.isEmpty { try PathExpansion.requireDefaultFolder(command: "test") }
        let given = paths.isEmpty ? ["policies"] : paths
        // SARIF reports a missing PATH inside the log, so that CI still has a log to upload.
        let missing = format == .sarif ? SARIFOutput.missing(given) : []
        let expanded = try PathExpansion.yamlFiles(in: given.filter { !missing.contains($0) })
        let files = expanded.filter { PolicyTestRunner.isTestFile(path: $0) }
        // A file named on the command line that is not a test file (a policy, say) is a
        // mistake worth naming, not a silent "no test files found" — unless test files
        // were named too: then it is a policy they may reach from outside their folder.
        let notTestFiles = files.isEmpty && missing.isEmpty ? paths.filter { expanded.contains($0) && !files.contains($0) } : []
        for path in notTestFiles {
            Terminal.error("error: `\(path)` is not a test file" + TestFileHint.why(path))
        }
        let today = try Inputs.today(nil)
        var options = LoadOptions()
        options.policiesAllowedAnywhere = PathExpansion.filesGiven(in: given)
        let progress = Progress("testing", total: files.count)
        let results = files.enumerated().map { index, file in
            progress.update(index + 1, file)
            return PolicyTestRunner.run(path: file, defaultToday: today, options: options) { done, total in
                progress.update(index + 1, "\(file) · test \(done + 1)/\(total)")
            }
        }
        progress.finish()
        let wantsCoverage = coverage || minCoverage != nil || coverageOutput != nil
        let report = wantsCoverage ? CoverageAnalysis.coverage(of: results) : nil

        switch format {
        case .text where files.isEmpty:
            break  // nothing ran: the error on stderr says why
        case .text:
            var renderer = DiagnosticRenderer(sources: SourceFiles.text(of:))
            let style = color.style(for: STDOUT_FILENO)
            renderer.style = style
            Terminal.out(TestReportText.render(results, coverage: report, style: style) { diagnostics in
                diagnostics.map { renderer.text($0) }.joined(separator: "\n")
            })
        case .json:
            Terminal.out(TestReportJSON.render(results, coverage: report).rendered(pretty: true) + "\n")
        case .junit:
            Terminal.out(TestReportJUnit.render(results))
        case .sarif:
            Terminal.out(SARIFOutput.render(SARIFOutput.missingFiles(missing) + TestReportSARIF.files(results)))
        }
        if let coverageOutput, let report {
            try CoverageOutput.write(report, format: coverageFormat ?? .lcov, to: coverageOutput)
        }
        if !missing.isEmpty { throw CLIError.couldNotWork("no such file or folder `\(missing[0])`") }

        if files.isEmpty, notTestFiles.isEmpty {
            Terminal.error("no test files found in \(paths.isEmpty ? "policies/" : paths.joined(separator: ", "))")
            throw ExitCode.answerIsNo
        }
        var failed = files.isEmpty || !notTestFiles.isEmpty || !results.allSatisfy(\.passed)
        if let minimum = minCoverage, let report {
            for policy in report where policy.percent < minimum {
                Terminal.error("coverage of \(policy.policyName) is \(TestReportText.percent(policy.percent)), below the minimum \(minimum)%")
                failed = true
            }
        }
        if failed { throw ExitCode.answerIsNo }
    }
}

/// Why a file given to `statute test` is not a test file, and what to run instead.
enum TestFileHint {
    static func why(_ path: String) -> String {
        guard SourceFileCheck.check(contentsOf: path).kind == .policy else {
            return " (a test file is a mapping with `policy:` and `tests:`)\nhelp: see docs/test-files.md for the format"
        }
        let base = path.hasSuffix(".yml") ? String(path.dropLast(4)) : path.hasSuffix(".yaml") ? String(path.dropLast(5)) : path
        let siblings = [base + ".test.yaml", base + ".test.yml"].filter { FileManager.default.fileExists(atPath: $0) }
        var text = " but a policy\nhelp: `statute test` runs test files"
        if let tests = siblings.first { text += "; this policy's tests are in `\(tests)`: run `statute test \(tests)`" }
        text += "; to check the policy itself, run `statute check \(path)`"
        return text
    }
}
