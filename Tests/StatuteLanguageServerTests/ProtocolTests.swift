import Testing
@testable import StatuteLanguageServer

/// JSON and the `Content-Length` framing.
@Suite struct ProtocolTests {
    @Test func jsonRoundTrips() throws {
        let text = #"{"a":[1,-2.5,true,false,null,"é𝄞\n\"\\"],"b":{"c":"\u0001"},"d":1e3}"#
        let value = try JSONParsing.parse(Array(text.utf8))
        #expect(value["a"]?.array?.count == 6)
        #expect(value["a"]?.array?[5].string == "é𝄞\n\"\\")
        #expect(value["d"] == .double(1000))
        #expect(try JSONParsing.parse(value.bytes) == value)
        #expect(try JSONParsing.parse(Array(#""\ud834\udd1e""#.utf8)) == .string("𝄞"))
        #expect(try JSONParsing.parse(Array(#""\ud834""#.utf8)) == .string("\u{FFFD}"))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "tru", "\"\u{01}\"", "1 2", String(repeating: "[", count: 10_000)])
    func badJSONIsAnErrorWithAnOffset(_ text: String) {
        #expect(throws: JSONParsing.Failure.self) { try JSONParsing.parse(Array(text.utf8)) }
    }

    @Test func framesAreReadAcrossChunksAndMalformedHeadersSkipped() {
        let body = #"{"jsonrpc":"2.0","method":"x"}"#
        let stream = "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
            + "Content-Type: x\r\n\r\n"  // no Content-Length
            + "content-length:  \(body.utf8.count) \r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n\(body)"
        var bytes = Array(stream.utf8)[...]
        var reader = FrameReader {
            guard !bytes.isEmpty else { return nil }
            let chunk = Array(bytes.prefix(7))
            bytes = bytes.dropFirst(7)
            return chunk
        }
        #expect(reader.next() == .message(Array(body.utf8)))
        guard case .malformed = reader.next() else { Issue.record("expected a malformed frame"); return }
        #expect(reader.next() == .message(Array(body.utf8)))
        #expect(reader.next() == .end)
    }

    @Test func oversizedAndTruncatedFramesAreMalformed() {
        var once = true
        var reader = FrameReader {
            defer { once = false }
            return once ? Array("Content-Length: 999999999999\r\n\r\n".utf8) : nil
        }
        guard case .malformed = reader.next() else { Issue.record("expected a malformed frame"); return }
        var truncated = true
        var short = FrameReader {
            defer { truncated = false }
            return truncated ? Array("Content-Length: 10\r\n\r\n{}".utf8) : nil
        }
        guard case .malformed = short.next() else { Issue.record("expected a malformed frame"); return }
        #expect(short.next() == .end)
    }

    @Test func framedMessagesCarryTheirByteLength() {
        let bytes = framed(["s": "é"])
        #expect(String(decoding: bytes, as: UTF8.self) == "Content-Length: 10\r\n\r\n{\"s\":\"é\"}")
    }
}
