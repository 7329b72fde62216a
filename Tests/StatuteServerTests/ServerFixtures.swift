import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Statute
@testable import StatuteServer

/// Folders with policies for the server tests, and requests to send them.
enum ServerFixtures {
    /// The repository's root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let defaultPolicy = root.appendingPathComponent("policies/certification.yaml")
    static let today = CalendarDate(iso: "2026-02-20")!
    /// A token long enough for `--token-file` (at least ``ServerConfiguration/minimumTokenLength``).
    static let token = "test-token-0123456789abcdef"

    /// A new temporary folder holding a copy of the default policy as `certification.yaml`.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: defaultPolicy, to: folder.appendingPathComponent("certification.yaml"))
        return folder
    }

    /// A configuration serving `folder` with today fixed.
    static func configuration(_ folder: URL, token: String? = nil, log: URL? = nil) -> ServerConfiguration {
        ServerConfiguration(policyPaths: [folder.path], port: 0, decisionLogPath: log?.path, token: token,
                            watchInterval: .milliseconds(200), today: { ServerFixtures.today })
    }

    static func json(_ text: String) -> HTTPFields { [.contentType: "application/json"] }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    /// Parses a response body as JSON through the library's reader.
    static func parse(_ buffer: ByteBuffer) -> JSONValue? {
        if case .success(let value) = JSONReader.parse(Array(buffer.readableBytesView)) { return value }
        return nil
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }
}

extension JSONValue {
    /// The member at a path of keys, for tests.
    func at(_ keys: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current
    }
}
