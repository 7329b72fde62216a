import Foundation
import Synchronization
@testable import StatuteLanguageServer

/// Drives a real ``LanguageServer`` in memory, synchronously (no debounce): requests go in
/// as message bodies, and everything the server sends is collected.
final class TestClient: Sendable {
    /// Everything the server sent, in order.
    final class Outbox: Sendable {
        let messages = Mutex<[JSON]>([])
    }

    let outbox = Outbox()
    let server: LanguageServer
    private let nextID = Mutex(1)

    /// Everything sent so far.
    var sent: [JSON] { outbox.messages.withLock { $0 } }

    init(root: String? = nil) {
        let outbox = self.outbox
        server = LanguageServer(debounce: nil) { message in outbox.messages.withLock { $0.append(message) } }
        var params: JSON = ["processId": .null, "capabilities": [:]]
        if let root, case .object(var members) = params {
            members["rootUri"] = .string(DocumentURI.uri(ofPath: root))
            params = .object(members)
        }
        _ = request("initialize", params)
        notify("initialized", [:])
    }

    /// Sends a request and returns the response to it.
    @discardableResult
    func request(_ method: String, _ params: JSON) -> JSON {
        let id = nextID.withLock { id in defer { id += 1 }; return id }
        let message: JSON = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params]
        _ = server.receive(.message(message.bytes))
        return sent.last { $0["id"] == .int(id) } ?? .null
    }

    /// The result of a request (`null` when it failed).
    func result(_ method: String, _ params: JSON) -> JSON {
        request(method, params)["result"] ?? .null
    }

    func notify(_ method: String, _ params: JSON) {
        let message: JSON = ["jsonrpc": "2.0", "method": .string(method), "params": params]
        _ = server.receive(.message(message.bytes))
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                          "version": .int(version), "text": .string(text)]])
    }

    /// The diagnostics last published for `uri`.
    func diagnostics(_ uri: String) -> [JSON] {
        sent.last { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"] == .string(uri) }?[
            "params"]?["diagnostics"]?.array ?? []
    }

    static func at(_ uri: String, _ line: Int, _ character: Int) -> JSON {
        ["textDocument": ["uri": .string(uri)], "position": ["line": .int(line), "character": .int(character)]]
    }
}

/// Files of the repository and temporary folders for the tests.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func text(_ relative: String) -> String {
        (try? String(contentsOfFile: repository + "/" + relative, encoding: .utf8)) ?? ""
    }

    /// A new folder holding the default policy and its tests; removed by the caller.
    static func certificationFolder() -> String {
        let folder = NSTemporaryDirectory() + "statute-lsp-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["certification.yaml", "certification.test.yaml"] {
            try? text("policies/" + name).write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        return PolicyPaths.canonical(folder)
    }

    /// The 0-based line and UTF-16 column of the first `needle` in `text`, plus `offset` characters.
    static func position(of needle: String, in text: String, offset: Int = 0) -> (Int, Int) {
        guard let range = text.range(of: needle) else { return (0, 0) }
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        return (line, before[lineStart...].utf16.count + offset)
    }
}

enum PolicyPaths {
    static func canonical(_ path: String) -> String {
        guard let pointer = realpath(path, nil) else { return path }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
