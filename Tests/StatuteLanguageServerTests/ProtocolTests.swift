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

    /// A reader over `stream`, handed out in chunks of `size` bytes.
    static func reader(_ stream: [UInt8], chunk size: Int = 7) -> FrameReader {
        var bytes = stream[...]
        return FrameReader {
            guard !bytes.isEmpty else { return nil }
            let chunk = Array(bytes.prefix(size))
            bytes = bytes.dropFirst(size)
            return chunk
        }
    }

    static func frame(_ body: String, length: Int? = nil) -> [UInt8] {
        Array("Content-Length: \(length ?? body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    @Test(arguments: [1, 7, 4096])
    func aWrongContentLengthLosesOneMessageAtMostAndTheReaderFindsItsPlaceAgain(chunk: Int) {
        let one = #"{"jsonrpc":"2.0","id":1,"method":"x"}"#, two = #"{"jsonrpc":"2.0","id":2,"method":"x"}"#
        // Too short: the body is cut, its rest is skipped up to the next header.
        var reader = Self.reader(Self.frame(one, length: 10) + Self.frame(two), chunk: chunk)
        #expect(reader.next() == .message(Array(one.utf8.prefix(10))))
        guard case .malformed(let reason) = reader.next() else { Issue.record("expected the rest to be skipped"); return }
        #expect(reason.contains("not a header"))
        #expect(reader.next() == .message(Array(two.utf8)))
        #expect(reader.next() == .end)
        // Too long: the body runs into the next message, which is lost; the one after is read.
        reader = Self.reader(Self.frame(one, length: one.utf8.count + 5) + Self.frame(two) + Self.frame(one), chunk: chunk)
        guard case .message = reader.next() else { Issue.record("expected a (broken) body"); return }
        // The rest of the lost message is one or two errors (its cut header, its body), then
        // the message after it.
        var rest: [FrameReader.Frame] = []
        while true {
            let frame = reader.next()
            if frame == .end { break }
            rest.append(frame)
        }
        #expect(rest.last == .message(Array(one.utf8)))
        #expect((1...2).contains(rest.count - 1))
        #expect(rest.dropLast().allSatisfy { if case .malformed = $0 { true } else { false } })
    }

    @Test(arguments: [1_000, 65_536])
    func aHugeHeaderIsOneErrorAndWhatFollowsIsRead(chunk: Int) {
        let body = #"{"jsonrpc":"2.0","method":"x"}"#
        let padding = Array("X-Padding: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 300_000) + Array("\r\n\r\n".utf8)
        let lines = (0..<20_000).flatMap { Array("X-Header-\($0): x\r\n".utf8) } + Array("\r\n".utf8)
        // A `Content-Length` header at the end of an over-long block is still found.
        let longThenFrame = [UInt8](repeating: UInt8(ascii: "b"), count: 50_000) + Self.frame(body)
        var reader = Self.reader(padding + Self.frame(body) + lines + Self.frame(body) + longThenFrame, chunk: chunk)
        var frames: [FrameReader.Frame] = []
        while true {
            let frame = reader.next()
            if frame == .end { break }
            frames.append(frame)
        }
        let message = FrameReader.Frame.message(Array(body.utf8))
        #expect(frames.count == 6)
        #expect(frames.filter { $0 == message }.count == 3)
        #expect(frames.first != message && frames[1] == message && frames[3] == message && frames[5] == message)
    }

    @Test func aBodyTooLargeIsRefusedBeforeItArrivesAndSkipped() {
        let body = #"{"jsonrpc":"2.0","method":"x"}"#
        var sentHeader = false
        var reader = FrameReader {
            // Only the header is there when the reader is asked: the refusal cannot wait for the body.
            if sentHeader { return nil }
            sentHeader = true
            return Array("Content-Length: \(FrameReader.maxBodyBytes + 1)\r\n\r\n".utf8)
        }
        guard case .malformed(let reason) = reader.next() else { Issue.record("expected a refusal"); return }
        #expect(reason.contains("larger than"))
        #expect(reader.next() == .end)
        var skipping = Self.reader(Array("Content-Length: \(FrameReader.maxBodyBytes + 1)\r\n\r\n".utf8)
            + [UInt8](repeating: 0x20, count: FrameReader.maxBodyBytes + 1) + Self.frame(body), chunk: 1 << 20)
        guard case .malformed = skipping.next() else { Issue.record("expected a refusal"); return }
        #expect(skipping.next() == .message(Array(body.utf8)))
    }
}
