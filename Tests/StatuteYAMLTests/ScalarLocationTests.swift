import StatuteCore
import Testing
@testable import StatuteYAML

private typealias Location = StatuteCore.SourceLocation

/// Reads `text` and returns the scalar value of `key` in the top-level mapping.
private func scalar(_ key: String, in text: String) throws -> YAMLScalar {
    let result = YAMLReader.read(text: text, file: "s.yaml")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return try #require(result.root?[key]?.scalar)
}

private func location(_ scalar: YAMLScalar, _ offset: Int) -> Location {
    scalar.text.location(atScalarOffset: offset)
}

@Suite struct ScalarLocationTests {
    @Test func plainSingleLine() throws {
        let s = try scalar("guard", in: "guard: a && b\n")
        #expect(s.style == .plain)
        #expect(s.text.text == "a && b")
        #expect(location(s, 0) == Location(line: 1, column: 8))
        #expect(location(s, 5) == Location(line: 1, column: 13))
        #expect(location(s, 6) == Location(line: 1, column: 14))  // just past the end
    }

    @Test func doubleQuotedExpression() throws {
        let s = try scalar("guard", in: "guard: \"a && b\"\n")
        #expect(s.style == .doubleQuoted)
        #expect(s.value == "a && b")
        #expect(location(s, 0) == Location(line: 1, column: 9))
        #expect(location(s, 5) == Location(line: 1, column: 14))  // the `b`
        #expect(s.text.span(scalarOffsets: 2..<4) == SourceSpan(file: "s.yaml", start: Location(line: 1, column: 11),
                                                                   end: Location(line: 1, column: 13)))
    }

    @Test func singleQuotedDoubledQuoteCountsTwoColumns() throws {
        let s = try scalar("x", in: "x: 'it''s ok'\n")
        #expect(s.style == .singleQuoted)
        #expect(s.value == "it's ok")
        #expect(location(s, 2) == Location(line: 1, column: 7))  // the first `'` of `''`
        #expect(location(s, 3) == Location(line: 1, column: 9))  // `s`
        #expect(location(s, 6) == Location(line: 1, column: 12))  // `k`
    }

    @Test func doubleQuotedEscapesMapToTheirBackslash() throws {
        let s = try scalar("y", in: #"y: "\x41\u00e9\n\"z""# + "\n")
        #expect(s.value == "A\u{e9}\n\"z")
        #expect(location(s, 0) == Location(line: 1, column: 5))
        #expect(location(s, 1) == Location(line: 1, column: 9))
        #expect(location(s, 2) == Location(line: 1, column: 15))
        #expect(location(s, 3) == Location(line: 1, column: 17))
        #expect(location(s, 4) == Location(line: 1, column: 19))
        #expect(location(s, 5) == Location(line: 1, column: 20))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let s = try scalar("\u{e9}", in: "\u{e9}: \"\u{fc} x\"\n")
        #expect(location(s, 2) == Location(line: 1, column: 7))
    }

    @Test func byteOrderMarkTakesNoColumn() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8)
        let result = YAMLReader.read(bytes: bytes, file: "bom.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?["a"]?.scalar?.text.location(atScalarOffset: 0) == Location(line: 1, column: 4))
    }

    @Test func crlfLineBreaks() throws {
        let s = try scalar("b", in: "a: 1\r\nb: x y\r\n")
        #expect(location(s, 2) == Location(line: 2, column: 6))
    }

    @Test func multiLinePlainScalar() throws {
        let s = try scalar("p", in: "p: one two\n  three\n")
        #expect(s.value == "one two three")
        #expect(location(s, 7) == Location(line: 1, column: 11))  // the folded line break
        #expect(location(s, 8) == Location(line: 2, column: 3))  // `three`
    }

    @Test func multiLineDoubleQuotedWithEscapedLineBreak() throws {
        let s = try scalar("q", in: "q: \"alpha\n   beta\\\n   gamma\"\n")
        #expect(s.value == "alpha betagamma")
        #expect(location(s, 6) == Location(line: 2, column: 4))  // `beta`
        #expect(location(s, 10) == Location(line: 3, column: 4))  // `gamma`
        #expect(location(s, 15) == Location(line: 3, column: 9))  // just past it
    }

    @Test func multiLineSingleQuotedWithBlankLine() throws {
        let s = try scalar("q", in: "q: 'one\n\n    two'\n")
        #expect(s.value == "one\ntwo")
        #expect(location(s, 4) == Location(line: 3, column: 5))
    }

    @Test func literalBlockScalar() throws {
        let text = """
            l1: a
            l2: b
            l3: c
            l4: d
            text: |
              first
                second
              third x
            after: 1
            """
        let s = try scalar("text", in: text)
        #expect(s.style == .literal)
        #expect(s.value == "first\n  second\nthird x\n")
        #expect(location(s, 0) == Location(line: 6, column: 3))
        #expect(location(s, 6) == Location(line: 7, column: 3))  // kept indentation
        #expect(location(s, 8) == Location(line: 7, column: 5))  // `second`
        #expect(location(s, 15) == Location(line: 8, column: 3))  // third line, first character
        #expect(location(s, 21) == Location(line: 8, column: 9))  // `x`
    }

    @Test func literalBlockScalarWithIndentationIndicator() throws {
        let text = "k:\n  t: |2\n      indented\n    base\n"
        let result = YAMLReader.read(text: text, file: "s.yaml")
        let s = try #require(result.root?["k"]?["t"]?.scalar)
        #expect(s.value == "  indented\nbase\n")
        #expect(location(s, 0) == Location(line: 3, column: 5))
        #expect(location(s, 2) == Location(line: 3, column: 7))
        #expect(location(s, 11) == Location(line: 4, column: 5))
    }

    @Test func foldedBlockScalarWithStripChomping() throws {
        let s = try scalar("f", in: "f: >-\n  one\n  two\n\n  three\n")
        #expect(s.style == .folded)
        #expect(s.value == "one two\nthree")
        #expect(location(s, 3) == Location(line: 2, column: 6))  // the folded break
        #expect(location(s, 4) == Location(line: 3, column: 3))  // `two`
        #expect(location(s, 8) == Location(line: 5, column: 3))  // `three`
    }

    @Test func anchorsBeforeAScalarAreSkipped() throws {
        let text = "a: &q \"x y\"\nb: &l |\n  text\nc: &p\n  \"v\"\nd: &e plain\n"
        let result = YAMLReader.read(text: text, file: "s.yaml")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root["a"]?.scalar?.text.location(atScalarOffset: 2) == Location(line: 1, column: 10))
        #expect(root["b"]?.scalar?.text.location(atScalarOffset: 0) == Location(line: 3, column: 3))
        #expect(root["c"]?.scalar?.text.location(atScalarOffset: 0) == Location(line: 5, column: 4))
        #expect(root["d"]?.scalar?.text.location(atScalarOffset: 0) == Location(line: 6, column: 7))
    }

    @Test func aTaggedScalarStillHasLocations() throws {
        let result = YAMLReader.read(text: "a: !!str 'q r'\n", file: "s.yaml")
        #expect(result.diagnostics.map(\.code) == [.yamlTag])
        #expect(result.root?["a"]?.scalar?.text.location(atScalarOffset: 2) == Location(line: 1, column: 13))
    }

    @Test func keysHaveLocationsToo() throws {
        let result = YAMLReader.read(text: "  'quoted key': 1\n", file: "k.yaml")
        let key = try #require(result.root?.mapping?.first?.key.scalar)
        #expect(key.text.location(atScalarOffset: 0) == Location(line: 1, column: 4))
    }

    @Test func everyTextHasOneLocationPerScalarPlusTheEnd() throws {
        let text = "a: >+\n  x\n\n\nb: \"\\U0001F600\\t?\"\nc: ''\n"
        let result = YAMLReader.read(text: text, file: "e.yaml")
        for entry in result.root?.mapping ?? [] {
            let s = try #require(entry.value.scalar)
            #expect(s.text.locations.count == s.value.unicodeScalars.count + 1)
        }
    }
}
