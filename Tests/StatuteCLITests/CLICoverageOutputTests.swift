import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `statute test --coverage-output FILE --coverage-format lcov|cobertura` on the default
/// policy's tests: one line per transition at its `- id:`, guards as branches. (CI also
/// renders the lcov file with genhtml and reads the XML with pycobertura:
/// scripts/ci-formats.sh.)
@Suite("CLI: coverage files")
struct CLICoverageOutputTests {
    static let root = DocsExamplesTests.root

    /// The lines of policies/certification.yaml that start a transition (`- id:`).
    static func idLines() throws -> [Int] {
        let text = try String(contentsOf: root.appendingPathComponent("policies/certification.yaml"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.trimmingCharacters(in: .whitespaces).hasPrefix("- id:") }.map { $0.offset + 1 }
    }

    /// Runs `statute test --coverage-output` from the repository root; returns the exit status and the file.
    static func coverage(_ format: String?) throws -> (status: Int32, text: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("coverage.out").path
        var arguments = ["test", "policies/certification.test.yaml", "--coverage-output", output]
        if let format { arguments += ["--coverage-format", format] }
        let run = try StatuteBinary.run(arguments, environment: ["NO_COLOR": "1"], directory: root)
        return (run.status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    @Test func lcovIsTheDefaultWithALinePerTransition() throws {
        let (status, lcov) = try Self.coverage(nil)
        #expect(status == 0)
        #expect(lcov.hasPrefix("TN:\nSF:policies/certification.yaml\n"))
        #expect(lcov.hasSuffix("end_of_record\n"))
        let lines = lcov.split(separator: "\n")
        let da = lines.filter { $0.hasPrefix("DA:") }.map { $0.dropFirst(3).split(separator: ",").map { Int($0)! } }
        #expect(da.map { $0[0] } == (try Self.idLines()))
        #expect(da.allSatisfy { $0[1] > 0 })  // the default policy's tests take every transition
        let brda = lines.filter { $0.hasPrefix("BRDA:") }
        #expect(!brda.isEmpty && brda.count % 2 == 0)
        #expect(Set(brda.map { Int($0.dropFirst(5).split(separator: ",")[0])! }).isSubset(of: Set(try Self.idLines())))
        #expect(lines.contains("LF:\(da.count)") && lines.contains("LH:\(da.count)"))
        #expect(lines.contains("BRF:\(brda.count)"))
    }

    @Test func coberturaIsWellFormedXMLWithTheSameLines() throws {
        let (status, xml) = try Self.coverage("cobertura")
        #expect(status == 0)
        final class Lines: NSObject, XMLParserDelegate {
            var numbers: [Int] = []
            var filenames: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "line", let number = attributes["number"].flatMap(Int.init) { numbers.append(number) }
                if name == "class", let file = attributes["filename"] { filenames.append(file) }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let lines = Lines()
        parser.delegate = lines
        #expect(parser.parse(), "not well-formed XML")
        #expect(lines.filenames == ["policies/certification.yaml"])
        #expect(lines.numbers == (try Self.idLines()))
        #expect(xml.contains("condition-coverage=\""))
    }

    @Test func aFormatWithoutAFileIsAUsageError() throws {
        let run = try StatuteBinary.run(["test", "policies/certification.test.yaml", "--coverage-format", "lcov"],
                                        environment: [:], directory: Self.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--coverage-output"))
    }

    @Test func anUnwritableFileIsExitTwo() throws {
        let run = try StatuteBinary.run(["test", "policies/certification.test.yaml", "--coverage-output", "/nonexistent-folder/c.info"],
                                        environment: [:], directory: Self.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write the coverage"))
    }
}
