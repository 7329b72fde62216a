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

    /// A reader over `readChunk`, which returns the next bytes available, or `nil` at the end.
    package init(readChunk: @escaping () -> [UInt8]?) {
        self.readChunk = readChunk
    }

    /// The next frame.
    package mutating func next() -> Frame {
        // The header block: up to an empty line (CRLF CRLF, or LF LF from a lenient client).
        var headerEnd: (headers: Int, body: Int)?
        var scanned = start
        while headerEnd == nil {
            while scanned < buffer.count {
                if buffer[scanned] == 0x0A {
                    // A line feed whose next bytes have not arrived yet is looked at again after the next read.
                    guard scanned + 1 < buffer.count else { break }
                    if buffer[scanned + 1] == 0x0A {
                        headerEnd = (scanned, scanned + 2); break
                    }
                    if buffer[scanned + 1] == 0x0D {
                        guard scanned + 2 < buffer.count else { break }
                        if buffer[scanned + 2] == 0x0A { headerEnd = (scanned, scanned + 3); break }
                    }
                }
                scanned += 1
            }
            if headerEnd != nil { break }
            if buffer.count - start > Self.maxHeaderBytes {
                // Skip what cannot be a header block and start afresh after it.
                start = buffer.count
                compact()
                scanned = start
                return .malformed("the header is longer than \(Self.maxHeaderBytes) bytes")
            }
            guard fill() else {
                let leftover = buffer.count - start
                start = buffer.count
                return leftover > 0 && !buffer[start - leftover..<start].allSatisfy(Self.isWhitespace)
                    ? .malformed("the input ended inside a header") : .end
            }
        }
        let (headersEnd, bodyStart) = headerEnd!
        let header = String(decoding: buffer[start..<headersEnd], as: UTF8.self)
        start = bodyStart
        guard let length = Self.contentLength(in: header) else {
            compact()
            return .malformed("the header has no valid `Content-Length`")
        }
        guard length <= Self.maxBodyBytes else {
            // Skip the announced body without keeping it.
            var remaining = length
            while remaining > 0 {
                if start < buffer.count {
                    let take = min(remaining, buffer.count - start)
                    start += take
                    remaining -= take
                    compact()
                } else if !fill() { break }
            }
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

    private mutating func compact() {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
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
