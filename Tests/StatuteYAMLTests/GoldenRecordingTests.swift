import Foundation
import Testing

/// Recording golden files must fail the test that recorded, so that a stray
/// `STATUTE_RECORD=1` in the environment cannot turn the suite green.
@Suite struct GoldenRecordingTests {
    @Test func recordingWritesTheFileAndFailsTheTest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        withKnownIssue("recording always records an issue") {
            try GoldenFiles.check("recorded text\n", against: "sample", in: folder, recording: true)
        }
        let written = try String(contentsOf: folder.appendingPathComponent("sample.expected"), encoding: .utf8)
        #expect(written == "recorded text\n")
    }
}
