import Foundation
import Statute

/// The differences, written to a temporary file as they come so that memory stays flat,
/// then copied to stdout after the summary that must precede them.
final class Spill {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("statute-impact-\(UUID().uuidString).json")
    private let handle: FileHandle
    private var buffer = ""
    private(set) var count = 0

    init() {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = try? FileHandle(forWritingTo: url) else {
            Terminal.fail("cannot create a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        self.handle = handle
    }

    func append(_ rendered: String) {
        buffer += ImpactJSON.item(rendered, first: count == 0)
        count += 1
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: Data(buffer.utf8)) } catch {
            remove()
            Terminal.fail("cannot write the temporary file: \(error.localizedDescription)")
        }
        buffer = ""
    }

    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
