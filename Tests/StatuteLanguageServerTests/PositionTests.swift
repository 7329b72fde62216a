import Statute
import Testing
@testable import StatuteLanguageServer

/// The one conversion between the protocol's positions (0-based, UTF-16) and Statute's
/// (1-based, Unicode scalars), with text of one, two and three UTF-8 bytes and a
/// surrogate pair before the position.
@Suite struct PositionTests {
    // `é` is 1 scalar / 1 UTF-16 unit; `𝄞` 1 scalar / 2 units; `漢` 1 scalar / 1 unit.
    let lines = SourceLines("label: é𝄞漢x\r\ndescription: 'a𝄞' + b\nlast")

    @Test func statuteColumnsBecomeUTF16Offsets() {
        // `x` is the 11th scalar of line 1 (columns: l a b e l : ␠ é 𝄞 漢 x).
        #expect(lines.position(of: SourceLocation(line: 1, column: 11)) == Position(line: 0, character: 11))
        #expect(lines.position(of: SourceLocation(line: 1, column: 9)) == Position(line: 0, character: 8))   // 𝄞
        #expect(lines.position(of: SourceLocation(line: 1, column: 10)) == Position(line: 0, character: 10)) // 漢
        // After a `\r\n`, the second line: `+` is column 19, and UTF-16 offset 19 too (18 scalars before it, one of them a pair).
        #expect(lines.position(of: SourceLocation(line: 2, column: 19)) == Position(line: 1, character: 19))
        #expect(lines.position(of: SourceLocation(line: 2, column: 20)) == Position(line: 1, character: 20))
    }

    @Test func utf16OffsetsBecomeStatuteColumns() {
        #expect(lines.location(of: Position(line: 0, character: 11)) == SourceLocation(line: 1, column: 11))
        #expect(lines.location(of: Position(line: 0, character: 10)) == SourceLocation(line: 1, column: 10))
        // Inside the surrogate pair of 𝄞: the scalar's start.
        #expect(lines.location(of: Position(line: 0, character: 9)) == SourceLocation(line: 1, column: 9))
        #expect(lines.location(of: Position(line: 1, character: 20)) == SourceLocation(line: 2, column: 20))
    }

    @Test func roundTripsEveryScalarBoundary() {
        for line in 0..<lines.lineCount {
            let scalars = Array(lines.line(line).unicodeScalars)
            var units = 0
            for (index, scalar) in scalars.enumerated() {
                let location = SourceLocation(line: line + 1, column: index + 1)
                #expect(lines.position(of: location) == Position(line: line, character: units))
                #expect(lines.location(of: Position(line: line, character: units)) == location)
                units += scalar.value > 0xFFFF ? 2 : 1
            }
        }
    }

    @Test func positionsPastTheEndAreClamped() {
        #expect(lines.position(of: SourceLocation(line: 1, column: 500)) == Position(line: 0, character: 12))
        #expect(lines.position(of: SourceLocation(line: 99, column: 1)) == Position(line: 2, character: 0))
        #expect(lines.location(of: Position(line: 0, character: 500)) == SourceLocation(line: 1, column: 12))
        #expect(lines.index(of: Position(line: 40, character: 0)) == lines.text.endIndex)
    }

    @Test func incrementalEditsUseTheSameConversion() {
        var document = OpenDocument(uri: "file:///t.yaml", version: 1, text: "name: 𝄞é\nto: actve\n")
        let change: JSON = ["range": ["start": ["line": 1, "character": 4], "end": ["line": 1, "character": 9]],
                            "text": "active"]
        let applied = document.apply(change: change)
        #expect(applied)
        #expect(document.text == "name: 𝄞é\nto: active\n")
        // An edit after the surrogate pair: `é` is at UTF-16 offset 8.
        let accent: JSON = ["range": ["start": ["line": 0, "character": 8], "end": ["line": 0, "character": 9]],
                            "text": "漢"]
        let appliedAgain = document.apply(change: accent)
        #expect(appliedAgain)
        #expect(document.text == "name: 𝄞漢\nto: active\n")
    }

    @Test func quotedNamesAreRenamedWithoutTheirQuotes() {
        let quoted = SourceLines("from: \"é\" \nto: 'active'")
        let span = SourceSpan(file: "f", start: SourceLocation(line: 2, column: 5), end: SourceLocation(line: 2, column: 13))
        #expect(quoted.nameRange(of: span) == TextRange(start: Position(line: 1, character: 5), end: Position(line: 1, character: 11)))
    }

    @Test func uris() {
        #expect(DocumentURI.path(of: "file:///tmp/a%20b/%C3%A9.yaml") == "/tmp/a b/é.yaml")
        #expect(DocumentURI.uri(ofPath: "/tmp/a b/é.yaml") == "file:///tmp/a%20b/%C3%A9.yaml")
        #expect(DocumentURI.path(of: "untitled:Untitled-1") == nil)
        #expect(DocumentURI.path(of: "file:///a%00b") == nil)
    }
}
