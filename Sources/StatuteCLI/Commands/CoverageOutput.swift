import Foundation
import Statute

/// `statute test --coverage-output FILE`: the library renders the coverage; this writes it.
enum CoverageOutput {
    /// Writes `coverage` to `path` in `format`, replacing the file whole (written beside
    /// it, then renamed), with policy files named relative to the current directory.
    static func write(_ coverage: [PolicyCoverage], format: TestCommand.CoverageFormat, to path: String) throws(CLIError) {
        let directory = FileManager.default.currentDirectoryPath
        let text = switch format {
        case .lcov: CoverageLCOV.render(coverage, workingDirectory: directory)
        case .cobertura: CoverageCobertura.render(coverage, workingDirectory: directory)
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .couldNotWork("cannot write the coverage to `\(path)`: \((error as NSError).localizedDescription)")
        }
    }
}
