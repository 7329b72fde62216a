import Testing
@testable import Statute

@Suite("Line splitter")
struct LineSplitterTests {
    static func split(_ text: String, limit: Int, chunk: Int = 1) -> [LineSplitter.Line] {
        var splitter = LineSplitter(maxLineBytes: limit)
        var lines: [LineSplitter.Line] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            splitter.feed(bytes[start..<min(bytes.count, start + chunk)]) { lines.append($0) }
        }
        splitter.finish { lines.append($0) }
        return lines
    }

    @Test(arguments: [1, 3, 1000])
    func theCarriageReturnOfACRLFDoesNotCountAgainstTheLimit(chunk: Int) {
        #expect(Self.split("abcd\r\nabcd\nabcde\r\nab\rcd\n", limit: 4, chunk: chunk) == [
            .text(Array("abcd".utf8), number: 1),
            .text(Array("abcd".utf8), number: 2),
            .tooLong(number: 3, bytes: 6),
            .tooLong(number: 4, bytes: 5),
        ])
    }

    @Test func aLastLineWithoutNewlineAndWithCRIsKept() {
        #expect(Self.split("ab\ncd\r", limit: 4) == [.text(Array("ab".utf8), number: 1), .text(Array("cd".utf8), number: 2)])
    }
}
