/// The base protocol's framing: a header block (`Content-Length: N`, other headers
/// ignored) ended by an empty line, then N bytes of JSON.
///
/// Reads from any byte source; never holds more than the header limit of a malformed
/// header, nor a body above ``maxBodyBytes``.
package struct FrameReader {
    /// What one read gives.
    package enum Frame: Sendable, Equatable {
        /// A message's body.
        case message([UInt8])
        /// A header block that cannot be used (no or bad `Content-Length`, too long); the
        /// reader has skipped it and goes on with what follows.
        case malformed(String)
        /// The input ended.
        case end
    }

    /// The largest body accepted (a policy file is at most 4 MiB; its JSON-escaped text
    /// in a message fits well within this).
    package static let maxBodyBytes = 64 << 20
    /// The longest header block accepted.
    package static let maxHeaderBytes = 8 << 10

    private let readChunk: () -> [UInt8]?
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    /// Bytes of a refused body still to be skipped before the next header.
    private var bodyToSkip = 0
    /// Inside a header block already reported as too long: its bytes are dropped, up to the
    /// next empty line, without another error.
    private var discardingHeader = false

    /// A reader over `readChunk`, which returns the next bytes available, or `nil` at the end.
    package init(readChunk: @escaping () -> [UInt8]?) {
        self.readChunk = readChunk
    }

    /// The next frame.
    ///
    /// A stream that lost its place (a `Content-Length` too small or too large, bytes that
    /// are no header) finds it again at the next `Content-Length` header: what comes before
    /// it is skipped with one error, and the messages after it are read as usual.
    package mutating func next() -> Frame {
        guard skipRefusedBody() else { return .end }
        var scanned = start
        var block: (headers: Int, body: Int)?
        while block == nil {
            if let found = headerEnd(scanning: &scanned) {
                let header = lastContentLengthHeader(in: start..<found.headers)
                if discardingHeader {
                    // The tail of a header block too long to use: a `Content-Length` header
                    // at its end is kept, the rest dropped.
                    discardingHeader = false
                    guard let header else {
                        start = found.body
                        continue
                    }
                    start = header.start
                } else if let header, header.midLine {
                    start = header.start
                    compact()
                    return .malformed("bytes that are not a header were skipped")
                }
                block = found
                continue
            }
            if buffer.count - start > Self.maxHeaderBytes {
                // Keep only the end of what cannot be a header block (a `Content-Length`
                // header may start there), and drop the rest as it comes.
                start = buffer.count - Self.maxHeaderBytes
                scanned = max(scanned, start) - compact()
                if !discardingHeader {
                    discardingHeader = true
                    return .malformed("the header is longer than \(Self.maxHeaderBytes) bytes")
                }
            }
            guard fill() else {
                let leftover = buffer[start...]
                start = buffer.count
                if discardingHeader || leftover.allSatisfy(Self.isWhitespace) { return .end }
                return .malformed("the input ended inside a header")
            }
        }
        let (headersEnd, bodyStart) = block!
        let header = String(decoding: buffer[start..<headersEnd], as: UTF8.self)
        start = bodyStart
        guard let length = Self.contentLength(in: header) else {
            compact()
            return .malformed("the header has no valid `Content-Length`")
        }
        guard length <= Self.maxBodyBytes else {
            // Refused at once; its bytes are skipped before the next header is read.
            bodyToSkip = length
            return .malformed("the message is larger than \(Self.maxBodyBytes) bytes")
        }
        while buffer.count - start < length {
            guard fill() else {
                start = buffer.count
                return .malformed("the input ended inside a message")
            }
        }
        let body = Array(buffer[start..<start + length])
        start += length
        compact()
        return .message(body)
    }

    /// The end of the header block at `start` (CRLF CRLF, or LF LF from a lenient client):
    /// where its headers end and its body starts; `scanned` is where to go on looking
    /// after more bytes arrive.
    private func headerEnd(scanning scanned: inout Int) -> (headers: Int, body: Int)? {
        scanned = max(scanned, start)
        while scanned < buffer.count {
            if buffer[scanned] == 0x0A {
                // A line feed whose next bytes have not arrived yet is looked at again after the next read.
                guard scanned + 1 < buffer.count else { return nil }
                if buffer[scanned + 1] == 0x0A { return (scanned, scanned + 2) }
                if buffer[scanned + 1] == 0x0D {
                    guard scanned + 2 < buffer.count else { return nil }
                    if buffer[scanned + 2] == 0x0A { return (scanned, scanned + 3) }
                }
            }
            scanned += 1
        }
        return nil
    }

    /// The last `Content-Length:` (any case) in `range` of the buffer: where its line
    /// starts, or where it starts when other bytes come before it on its line.
    private func lastContentLengthHeader(in range: Range<Int>) -> (start: Int, midLine: Bool)? {
        let name = Array("content-length:".utf8)
        guard range.count >= name.count else { return nil }
        var index = range.upperBound - name.count
        while index >= range.lowerBound {
            var matches = true
            for (offset, byte) in name.enumerated() {
                var b = buffer[index + offset]
                if b >= 0x41, b <= 0x5A { b += 0x20 }
                if b != byte { matches = false; break }
            }
            if matches {
                let atLineStart = index == range.lowerBound || buffer[index - 1] == 0x0A || buffer[index - 1] == 0x0D
                return (index, !atLineStart)
            }
            index -= 1
        }
        return nil
    }

    /// Skips what is left of a refused body; `false` when the input ends first.
    private mutating func skipRefusedBody() -> Bool {
        while bodyToSkip > 0 {
            if start < buffer.count {
                let take = min(bodyToSkip, buffer.count - start)
                start += take
                bodyToSkip -= take
                compact()
            } else if !fill() {
                bodyToSkip = 0
                return false
            }
        }
        return true
    }

    /// `Content-Length`'s value in a header block, when it is there, once, and a plain number.
    static func contentLength(in header: String) -> Int? {
        var found: Int?
        for line in header.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpaces.lowercased()
            guard name == "content-length" else { continue }
            let value = line[line.index(after: colon)...].trimmingSpaces
            guard found == nil, !value.isEmpty, value.count <= 12, value.allSatisfy(\.isASCIIDigit),
                  let n = Int(value) else { return nil }
            found = n
        }
        return found
    }

    private mutating func fill() -> Bool {
        guard !ended, let chunk = readChunk(), !chunk.isEmpty else {
            ended = true
            return false
        }
        buffer += chunk
        return true
    }

    /// Drops the bytes before `start` when they are at least half the buffer; returns how
    /// many were dropped (every index into the buffer moves down by that much).
    @discardableResult
    private mutating func compact() -> Int {
        guard start > 0, start >= buffer.count / 2 else { return 0 }
        let moved = start
        buffer.removeFirst(start)
        start = 0
        return moved
    }

    private static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}

/// The bytes of one framed message.
package func framed(_ message: JSON) -> [UInt8] {
    let body = message.bytes
    return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
