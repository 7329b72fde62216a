import StatuteCore
import Testing
@testable import StatuteYAML

private typealias Location = StatuteCore.SourceLocation

/// The reader takes shortcuts on common input (a file of plain ASCII kept as bytes, one-line
/// scalars located without a table, duplicate keys found by search in small mappings and by
/// dictionary in large ones); these tests hold the shortcuts to the general path's answers.
@Suite struct ReaderFastPathTests {
    /// The same document, once all ASCII and once with a non-ASCII character in a comment
    /// on the last line (which sends it through the general decoder).
    private func bothWays(_ text: String) -> (ascii: YAMLReadResult, wide: YAMLReadResult) {
        (YAMLReader.read(text: text, file: "a.yaml"), YAMLReader.read(text: text + "# é\n", file: "a.yaml"))
    }

    @Test func asciiAndNonASCIIFilesGiveTheSameScalarLocations() throws {
        let text = "a: plain value\nb: 'quoted'\nc: \"esc\\\"aped\"\nd: >\n  folded\n  text\n\r\ne: x\r\nf: y\n"
        let (ascii, wide) = bothWays(text)
        #expect(ascii.diagnostics.isEmpty && wide.diagnostics.isEmpty)
        for key in ["a", "b", "c", "d", "e", "f"] {
            let left = try #require(ascii.root?[key]?.scalar)
            let right = try #require(wide.root?[key]?.scalar)
            #expect(left.value == right.value)
            #expect(left.text.locations == right.text.locations, "\(key)")
            #expect(ascii.root?[key]?.span == wide.root?[key]?.span)
        }
        #expect(try #require(ascii.root?["c"]?.scalar).text.location(atScalarOffset: 3) == Location(line: 3, column: 8))
        #expect(try #require(ascii.root?["f"]?.scalar).text.location(atScalarOffset: 0) == Location(line: 9, column: 4))
    }

    @Test func oneLineQuotedScalarsWithEscapesGetTheGeneralPathsLocations() throws {
        // Each value is read once from an all-ASCII file (located in one pass over its bytes)
        // and once from a file that is not (located by the general alignment).
        let values = [
            #""a\"b\x41c\t\\d \/ \e\0 \ x""#, #"'it''s '' here'"#, #""\u00e9 and \x8A""#,
            #"&anchor "x\"y""#, "\"tab\\\tin\"", #""end\"" # comment"#, #"'\n stays'"#, #""\N\_\L\P""#,
            #""""#, #"''"#, #""\"""#,
        ]
        var text = ""
        for (index, value) in values.enumerated() { text += "k\(index): \(value)\n" }
        let (ascii, wide) = bothWays(text)
        #expect(ascii.diagnostics.map(\.message) == wide.diagnostics.map(\.message))
        for index in values.indices {
            let left = try #require(ascii.root?["k\(index)"]?.scalar, "k\(index)")
            let right = try #require(wide.root?["k\(index)"]?.scalar, "k\(index)")
            #expect(left.value == right.value, "k\(index)")
            #expect(left.text.locations == right.text.locations, "k\(index): \(values[index])")
        }
        let first = try #require(ascii.root?["k0"]?.scalar)
        #expect(first.value == "a\"bAc\t\\d / \u{1B}\0  x")
        #expect(first.text.location(atScalarOffset: 1) == Location(line: 1, column: 7))  // `"`, at `\"`
        #expect(first.text.location(atScalarOffset: 2) == Location(line: 1, column: 9))  // `b`
        #expect(first.text.location(atScalarOffset: 3) == Location(line: 1, column: 10))  // `A`, at `\x41`
        #expect(first.text.location(atScalarOffset: 4) == Location(line: 1, column: 14))  // `c`
    }

    @Test func controlCharactersAreStillRefusedInAnOtherwiseASCIIFile() {
        let result = YAMLReader.read(text: "a: b\u{7}c\n", file: "a.yaml")
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == [.invalidCharacter])
        #expect(result.diagnostics.first?.span?.start == Location(line: 1, column: 5))
    }

    @Test func aDuplicateKeyInALargeMappingPointsAtTheFirstOne() throws {
        var text = ""
        for index in 0..<40 { text += "k\(index): \(index)\n" }
        text += "k7: again\nk39: again\n"
        let result = YAMLReader.read(text: text, file: "big.yaml")
        #expect(result.diagnostics.map(\.code) == [.duplicateKey, .duplicateKey])
        #expect(result.diagnostics.map { $0.span?.start } == [Location(line: 41, column: 1), Location(line: 42, column: 1)])
        #expect(result.diagnostics.map { $0.help ?? "" } == [
            "the first `k7` is on line 8; remove one of them", "the first `k39` is on line 40; remove one of them",
        ])
        #expect(result.root?["k7"]?.scalar?.value == "7")
        #expect(result.root?.mapping?.count == 40)
    }

    @Test func aDuplicateKeyInASmallMappingPointsAtTheFirstOne() {
        let result = YAMLReader.read(text: "x:\n  a: 1\n  b: 2\n  a: 3\n", file: "small.yaml")
        #expect(result.diagnostics.map(\.code) == [.duplicateKey])
        #expect(result.diagnostics.first?.span?.start == Location(line: 4, column: 3))
        #expect(result.diagnostics.first?.help == "the first `a` is on line 2; remove one of them")
    }
}
