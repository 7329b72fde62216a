import Foundation
import Testing
import StatuteTestSupport

/// Recording a golden file (`STATUTE_RECORD=1`) fails the test that recorded it.
@Suite struct GoldenRecordingTests {
    @Test func recordingWritesTheFileAndFailsTheTest() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        withKnownIssue("recording always records an issue") {
            GoldenFile.expect("recorded text\n", matches: url, recording: true)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "recorded text\n")
    }
}
