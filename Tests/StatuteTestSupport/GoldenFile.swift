import Foundation
import Testing

/// Golden files: output compared with a file kept in the repository, and written instead
/// when the environment has `STATUTE_RECORD=1`. Recording fails the test that recorded
/// (as swift-argument-parser's snapshot helper does), so a stray `STATUTE_RECORD=1` can
/// never turn the suite green.
public enum GoldenFile {
    /// Whether this run records golden files (`STATUTE_RECORD=1`).
    public static var recording: Bool { ProcessInfo.processInfo.environment["STATUTE_RECORD"] == "1" }

    /// Compares `actual` with the file at `url`, or writes it there when `recording`.
    public static func expect(_ actual: String, matches url: URL, recording: Bool = recording,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        if recording {
            record(actual, to: url, sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.lastPathComponent); run with STATUTE_RECORD=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "differs from \(url.lastPathComponent) (record with STATUTE_RECORD=1)",
                sourceLocation: sourceLocation)
    }

    /// Writes a golden file and records an issue against the test that recorded it.
    public static func record(_ actual: String, to url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.lastPathComponent) because STATUTE_RECORD=1; review the diff and run again without it",
                         sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
        }
    }
}
