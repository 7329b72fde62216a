import Foundation
import Testing
@testable import Statute
import StatuteCore

/// Transition coverage as lcov and Cobertura: transitions as lines at their `- id:`,
/// guards as two branches, counted in tests.
@Suite("coverage: lcov and Cobertura")
struct CoverageExportTests {
    static let root = Fixtures.repositoryRoot.path

    /// The coverage of the membership example's own tests.
    static func coverage() throws -> [PolicyCoverage] {
        let testFile = Fixtures.repositoryRoot.appendingPathComponent("examples/membership/membership.test.yaml").path
        let result = PolicyTestRunner.run(path: testFile, defaultToday: try #require(CalendarDate(iso: "2026-03-01")))
        #expect(result.passed)
        return CoverageAnalysis.coverage(of: [result])
    }

    /// The line numbers of `- id:` in the policy.
    static func idLines() throws -> [Int] {
        let text = try String(contentsOfFile: root + "/examples/membership/membership.yaml", encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.trimmingCharacters(in: .whitespaces).hasPrefix("- id:") }.map { $0.offset + 1 }
    }

    @Test func eachTransitionIsTheLineOfItsId() throws {
        let coverage = try Self.coverage()
        let lines = CoverageLines(try #require(coverage.first))
        #expect(lines.lines.map(\.number) == (try Self.idLines()))
        #expect(lines.linesHit == coverage[0].transitions.filter(\.taken).count)
        #expect(lines.branchesFound == 2 * coverage[0].transitions.filter(\.hasGuard).count)
    }

    @Test func lcovHasARecordPerPolicyWithLinesAndBranches() throws {
        let coverage = try Self.coverage()
        let lcov = CoverageLCOV.render(coverage, workingDirectory: Self.root)
        let records = lcov.components(separatedBy: "end_of_record\n").filter { !$0.isEmpty }
        #expect(records.count == 1)
        #expect(lcov.hasPrefix("TN:\nSF:examples/membership/membership.yaml\n"))
        let da = lcov.split(separator: "\n").filter { $0.hasPrefix("DA:") }
        #expect(da.map { Int($0.dropFirst(3).split(separator: ",")[0])! } == (try Self.idLines()))
        let transitions = coverage[0].transitions
        for (line, transition) in zip(da, transitions) {
            #expect(line.hasSuffix(",\(transition.testsTaking)"))
        }
        let brda = lcov.split(separator: "\n").filter { $0.hasPrefix("BRDA:") }
        #expect(brda.count == 2 * transitions.filter(\.hasGuard).count)
        #expect(lcov.contains("LF:\(transitions.count)\nLH:\(transitions.filter(\.taken).count)\n"))
    }

    @Test func coberturaNamesTheFileAndCountsConditions() throws {
        let coverage = try Self.coverage()
        let xml = CoverageCobertura.render(coverage, workingDirectory: Self.root)
        #expect(xml.contains("<source>\(Self.root)</source>"))
        #expect(xml.contains("filename=\"examples/membership/membership.yaml\""))
        let lines = xml.split(separator: "\n").filter { $0.contains("<line number=") }
        #expect(lines.count == coverage[0].transitions.count)
        let guarded = lines.filter { $0.contains("branch=\"true\"") }
        #expect(guarded.count == coverage[0].transitions.filter(\.hasGuard).count)
        for line in guarded { #expect(line.contains("condition-coverage=\"")) }
    }

    @Test(arguments: [(0, 0, "1"), (2, 2, "1"), (1, 2, "0.5"), (1, 3, "0.3333"), (2, 3, "0.6667"), (0, 5, "0")])
    func ratesAreDecimals(hit: Int, found: Int, rate: String) {
        #expect(CoverageCobertura.rate(hit, found) == rate)
    }

    @Test func aPolicyOutsideTheWorkingDirectoryIsNamedByItsAbsolutePath() throws {
        let lcov = CoverageLCOV.render(try Self.coverage(), workingDirectory: "/somewhere/else")
        #expect(lcov.contains("SF:\(Self.root)/examples/membership/membership.yaml\n"))
    }
}
