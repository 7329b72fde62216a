import Foundation
import Testing

/// Locates test fixtures next to this file, and compares output with golden files
/// (re-recorded when the environment variable `STATUTE_RECORD=1` is set).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The names (without extension) of the files with `ext` in a fixture folder, sorted.
    static func names(in folder: String, ext: String = "yaml") -> [String] {
        let url = root.appendingPathComponent(folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return files.filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }

    static func url(_ folder: String, _ file: String) -> URL {
        root.appendingPathComponent(folder).appendingPathComponent(file)
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["STATUTE_RECORD"] == "1" }

    /// Writes a golden file and fails the test that recorded it (as swift-argument-parser's
    /// snapshot helper does): a stray `STATUTE_RECORD=1` can never turn the suite green.
    static func record(_ actual: String, to url: URL, sourceLocation: Testing.SourceLocation) {
        do {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.lastPathComponent) because STATUTE_RECORD=1; review the diff and run again without it",
                         sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Compares `actual` with the golden file, or writes it when recording.
    static func expectGolden(_ actual: String, folder: String, file: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let url = url(folder, file)
        if recording {
            record(actual, to: url, sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(folder)/\(file); run with STATUTE_RECORD=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, sourceLocation: sourceLocation)
    }
}
