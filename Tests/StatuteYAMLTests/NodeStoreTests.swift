import StatuteCore
import Testing
@testable import StatuteYAML

/// The flat node store: aliases, dropped entries and byte-compared keys read as a tree would.
@Suite struct NodeStoreTests {
    @Test func anAliasOfAMappingReadsTheAnchoredEntriesAtTheAliasSpan() throws {
        let result = YAMLReader.read(text: "base: &b {x: 1, y: [2, 3]}\ncopy: *b\n", file: "a.yaml")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        let copy = try #require(root["copy"])
        #expect(copy.mapping?.map { $0.key.scalarValue } == ["x", "y"])
        #expect(copy["y"]?.sequence?.map { $0.scalarValue } == ["2", "3"])
        #expect(copy.span.start == StatuteCore.SourceLocation(line: 2, column: 7))
        #expect(copy["x"]?.span.start == StatuteCore.SourceLocation(line: 1, column: 14))  // the anchored `1`
    }

    @Test func aDuplicateKeyIsReportedAndSkippedWithItsValue() throws {
        let result = YAMLReader.read(text: "a: 1\nb: {deep: [1, 2]}\na: 3\nb: 4\nc: 5\n", file: "d.yaml")
        #expect(result.diagnostics.map(\.code) == [.duplicateKey, .duplicateKey])
        let root = try #require(result.root)
        #expect(root.mapping?.map { $0.key.scalarValue } == ["a", "b", "c"])
        #expect(root.entries?.count == 3)
        #expect(root["a"]?.scalarValue == "1")
        #expect(root["c"]?.scalarValue == "5")
    }

    @Test func keysEqualAsTextButNotAsBytesAreDuplicates() {
        // "é" precomposed and decomposed: equal strings, different bytes.
        let result = YAMLReader.read(text: "\u{E9}: 1\ne\u{301}: 2\n", file: "n.yaml")
        #expect(result.diagnostics.map(\.code) == [.duplicateKey])
    }

    @Test func longASCIILinesWithALateOtherByteAreReadAsText() throws {
        let line = String(repeating: "abcdefgh", count: 9)
        let result = YAMLReader.read(text: "k: \(line)\u{E9}\nt: \"a\tb\"\n", file: "w.yaml")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root["k"]?.scalarValue == line + "\u{E9}")
        #expect(root["t"]?.scalar?.text.location(atScalarOffset: 2) == StatuteCore.SourceLocation(line: 2, column: 7))
    }

    @Test func keysAreFoundBySlotAndUnknownOnesReportedInFileOrder() throws {
        let root = try #require(YAMLReader.read(text: "to: x\nzz: 1\nid: y\nqq: 2\n", file: "k.yaml").root)
        var unknown: [String] = []
        let found = try #require(root.lookUp(["id", "from", "to"]) { unknown.append($0.key.scalarValue ?? "") })
        #expect(unknown == ["zz", "qq"])
        #expect(found[0]?.scalarValue == "y")
        #expect(found[1] == nil)
        #expect(found[2]?.scalarValue == "x")
    }
}
