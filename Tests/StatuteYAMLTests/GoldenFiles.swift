import Foundation
import StatuteCore
import Testing
import StatuteTestSupport

/// Golden files for the hostile corpus: each `Fixtures/hostile/NAME.yaml` has a
/// `NAME.expected` holding its diagnostics, one `Diagnostic.description` per line.
///
/// Run the tests with `STATUTE_RECORD=1` to (re-)record the expected files from what
/// the reader produces now; review the diff before committing it. Every test that
/// records fails, so the suite is never green while recording.
enum GoldenFiles {
    /// `Tests/StatuteYAMLTests/Fixtures/hostile`, found from this source file.
    static let hostileDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hostile", isDirectory: true)

    /// The names (without `.yaml`) of every fixture in the hostile corpus.
    static func hostileFixtureNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: hostileDirectory.path)
            .filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(".yaml".count)) }
            .sorted()
    }

    static func fixtureBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: hostileDirectory.appendingPathComponent("\(name).yaml")))
    }

    static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { $0.description + "\n" }.joined()
    }

    /// Compares `actual` with `NAME.expected` of the corpus, or records it when recording.
    static func check(_ actual: String, against name: String,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        GoldenFile.expect(actual, matches: hostileDirectory.appendingPathComponent("\(name).expected"),
                          sourceLocation: sourceLocation)
    }
}
