import FuzzSupport
import Statute
import StatuteLanguageServer

/// Any bytes to the language server. With a first byte that is even, the rest is the
/// stream a client writes — frames, headers and JSON bodies, read in chunks of varying
/// size; with an odd one, the rest is the text of an open document on which every request
/// is made at many positions. Must never crash or hang; everything the server sends must
/// be a JSON-RPC message.
@_cdecl("FuzzLanguageServer_main")
public func fuzzLanguageServerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in
        let input = bytes(data, size)
        guard let mode = input.first else { return 0 }
        let server = LanguageServer(debounce: nil) { message in
            guard message["jsonrpc"] == "2.0" else { finding("a message without `jsonrpc`: \(message.text)") }
        }
        let initialize: JSON = ["jsonrpc": "2.0", "id": 0, "method": "initialize", "params": ["capabilities": [:]]]
        _ = server.receive(.message(initialize.bytes))
        if mode % 2 == 0 {
            var rest = input.dropFirst()[...]
            let chunk = Int(mode / 2) % 61 + 3
            var reader = FrameReader {
                guard !rest.isEmpty else { return nil }
                let piece = Array(rest.prefix(chunk))
                rest = rest.dropFirst(chunk)
                return piece
            }
            while true {
                let frame = reader.next()
                if frame == .end || server.receive(frame) != nil { break }
            }
        } else {
            let uri = "file:///fuzz/document.yaml"
            let text = String(decoding: input.dropFirst(), as: UTF8.self)
            let open: JSON = ["jsonrpc": "2.0", "method": "textDocument/didOpen",
                              "params": ["textDocument": ["uri": .string(uri), "version": 1, "text": .string(text)]]]
            _ = server.receive(.message(open.bytes))
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            var id = 1
            for line in stride(from: 0, to: min(lineCount, 40), by: 1) {
                for character in [0, 2, 5, 9, 14, 30] {
                    for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition",
                                   "textDocument/references", "textDocument/prepareRename"] {
                        id += 1
                        let request: JSON = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method),
                                             "params": ["textDocument": ["uri": .string(uri)],
                                                        "position": ["line": .int(line), "character": .int(character)]]]
                        _ = server.receive(.message(request.bytes))
                    }
                }
            }
            let symbols: JSON = ["jsonrpc": "2.0", "id": 9_999, "method": "textDocument/documentSymbol",
                                 "params": ["textDocument": ["uri": .string(uri)]]]
            _ = server.receive(.message(symbols.bytes))
            let actions: JSON = ["jsonrpc": "2.0", "id": 10_000, "method": "textDocument/codeAction",
                                 "params": ["textDocument": ["uri": .string(uri)],
                                            "range": ["start": ["line": 0, "character": 0],
                                                      "end": ["line": .int(lineCount), "character": 0]],
                                            "context": ["diagnostics": []]]]
            _ = server.receive(.message(actions.bytes))
        }
        return 0
    }
}
