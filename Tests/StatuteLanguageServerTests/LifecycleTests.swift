import Statute
import Testing
@testable import StatuteLanguageServer

/// The JSON-RPC side: lifecycle, malformed messages, hostile text.
@Suite struct LifecycleTests {
    @Test func malformedMessagesGetErrorsAndTheServerGoesOn() {
        let client = TestClient()
        for body in ["{", "[]", "42", #"{"jsonrpc":"2.0","id":{},"method":"x"}"#, #"{"jsonrpc":"2.0","id":1}"#] {
            _ = client.server.receive(.message(Array(body.utf8)))
            let last = client.sent.last
            #expect(last?["error"]?["code"]?.int != nil)
        }
        _ = client.server.receive(.malformed("no Content-Length"))
        #expect(client.sent.last?["error"]?["code"] == -32700)
        #expect(client.request("no/such/method", [:])["error"]?["code"] == -32601)
        #expect(client.request("textDocument/hover", ["textDocument": 3])["error"]?["code"] == -32602)
        #expect(client.request("textDocument/hover", TestClient.at("file:///not/open.yaml", 0, 0))["error"] != nil)
        // Still answering.
        #expect(client.request("shutdown", .null)["result"] == .null)
        #expect(client.request("textDocument/hover", [:])["error"]?["code"] == -32600)
    }

    @Test func requestsBeforeInitializeAreRefusedAndExitAloneIsOne() {
        let outbox = TestClient.Outbox()
        let server = LanguageServer(debounce: nil) { message in outbox.messages.withLock { $0.append(message) } }
        _ = server.receive(.message(Array(#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#.utf8)))
        #expect(outbox.messages.withLock { $0.last }?["error"]?["code"] == -32002)
        #expect(server.receive(.message(Array(#"{"jsonrpc":"2.0","method":"exit"}"#.utf8))) == 1)
    }

    @Test func exitAfterShutdownIsZero() {
        let client = TestClient()
        client.request("shutdown", .null)
        #expect(client.server.receive(.message(Array(#"{"jsonrpc":"2.0","method":"exit"}"#.utf8))) == 0)
    }

    @Test(arguments: [
        "", "\u{0}\u{1}\u{7F}\u{1B}[31m", "statute: 1\nname: [", String(repeating: "- ", count: 5_000),
        "statute: 1\ntransitions:\n  - when: \"" + String(repeating: "(", count: 3_000) + "\"",
        "a: &a [*a]", "statute: 1\n\u{FEFF}name: é𝄞漢\r\n\r", "tests:\n  - {name: x, status: [}",
    ])
    func hostileTextGetsDiagnosticsOrNoneAndEveryFeatureAnswers(_ text: String) {
        let client = TestClient()
        let uri = "file:///nowhere/hostile.yaml"
        client.open(uri, text)
        _ = client.diagnostics(uri)
        for line in 0..<3 {
            for character in [0, 1, 5, 200] {
                let at = TestClient.at(uri, line, character)
                for method in ["textDocument/hover", "textDocument/definition", "textDocument/completion",
                               "textDocument/prepareRename"] {
                    #expect(client.request(method, at)["id"] != nil)
                }
            }
        }
        #expect(client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(uri)]])["result"] != nil)
    }

    @Test func positionsAndRangesOutOfBoundsAreClamped() {
        let client = TestClient()
        let uri = "file:///nowhere/policy.yaml"
        client.open(uri, "statute: 1\nname: x\n")
        let extremes = [Int.min, -1, 0, 1 << 40, Int.max]
        for line in extremes {
            for character in extremes {
                let at = TestClient.at(uri, line, character)
                for method in ["textDocument/hover", "textDocument/definition", "textDocument/references",
                               "textDocument/completion", "textDocument/prepareRename"] {
                    #expect(client.request(method, at)["result"] != nil, "\(method) at \(line):\(character)")
                }
                let point: JSON = ["line": .int(line), "character": .int(character)]
                let range: JSON = ["start": point, "end": ["line": 0, "character": 0]]
                #expect(client.request("textDocument/codeAction", ["textDocument": ["uri": .string(uri)], "range": range,
                                                                    "context": ["diagnostics": []]])["result"] != nil)
                client.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": 2],
                                                         "contentChanges": [["range": range, "text": "é𝄞漢"]]])
            }
        }
        #expect(client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(uri)]])["result"] != nil)
    }
}

