import ArgumentParser
import Foundation
import Statute

/// `statute test [PATH…] [--format text|json|junit] [--coverage] [--min-coverage N]` (SPEC §5.3).
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy test files.",
        discussion: """
            PATHs are test files or folders (searched for *.yaml/*.yml files with a top-level \
            `tests` key). Without PATH, `policies/` is searched. Tests without a `today` \
            (in the test or the file) use today's local date. Exit status 1 when a test \
            fails, a test file or its policy has errors, or coverage is below --min-coverage; \
            2 when a PATH does not exist.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit
    }

    @Argument(help: "Test files, or folders to search.")
    var paths: [String] = []

    @Option(help: "Output format: text, json or junit.")
    var format: Format = .text

    @Flag(help: "Report, per policy, the transitions no test took and the percentage taken.")
    var coverage = false

    @Option(name: .customLong("min-coverage"), help: "Fail when a policy's transition coverage is below N percent (implies --coverage).")
    var minCoverage: Double?

    func validate() throws {
        if let minCoverage, !(minCoverage >= 0 && minCoverage <= 100) {
            throw ValidationError("--min-coverage must be a percentage from 0 to 100, got `\(minCoverage)`")
        }
    }

    func run() throws {
        let given = paths.isEmpty ? ["policies"] : paths
        let files = try PathExpansion.yamlFiles(in: given).filter { PolicyTestRunner.isTestFile(path: $0) }
        let today = try Inputs.today(nil)
        var options = LoadOptions()
        options.policiesAllowedAnywhere = PathExpansion.filesGiven(in: given)
        let results = files.map { PolicyTestRunner.run(path: $0, defaultToday: today, options: options) }
        let wantsCoverage = coverage || minCoverage != nil
        let report = wantsCoverage ? CoverageAnalysis.coverage(of: results) : nil

        switch format {
        case .text:
            var renderer = DiagnosticRenderer(sources: SourceFiles.text(of:))
            Terminal.out(TestReportText.render(results, coverage: report) { diagnostics in
                diagnostics.map { renderer.text($0) }.joined(separator: "\n")
            })
        case .json:
            Terminal.out(TestReportJSON.render(results, coverage: report).rendered(pretty: true) + "\n")
        case .junit:
            Terminal.out(TestReportJUnit.render(results))
        }

        if files.isEmpty {
            Terminal.error("no test files found in \(paths.isEmpty ? "policies/" : paths.joined(separator: ", "))")
            throw ExitCode.answerIsNo
        }
        var failed = !results.allSatisfy(\.passed)
        if let minimum = minCoverage, let report {
            for policy in report where policy.percent < minimum {
                Terminal.error("coverage of \(policy.policyName) is \(TestReportText.percent(policy.percent)), below the minimum \(minimum)%")
                failed = true
            }
        }
        if failed { throw ExitCode.answerIsNo }
    }
}
