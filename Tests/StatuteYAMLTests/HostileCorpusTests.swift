import Foundation
import StatuteCore
import Testing
@testable import StatuteYAML

/// One fault per file; each must be rejected with an exact code and position, quickly.
@Suite struct HostileCorpusTests {
    /// The first diagnostic each fixture must produce: its code, line and column.
    static let expectations: [String: (code: DiagnosticCode, line: Int, column: Int)] = [
        "alias-bomb": (.tooManyNodes, 5, 8),
        "bad-indentation": (.yamlSyntax, 4, 4),
        "comment-only": (.emptyDocument, 1, 1),
        "complex-key": (.complexKey, 2, 5),
        "control-character": (.invalidCharacter, 2, 19),
        "deep-nesting": (.tooDeep, 1, 65),
        "duplicate-key-nested": (.duplicateKey, 5, 5),
        "duplicate-key-top": (.duplicateKey, 3, 1),
        "empty": (.emptyDocument, 1, 1),
        "invalid-utf8": (.invalidUTF8, 2, 11),
        "local-tag": (.yamlTag, 2, 8),
        "nul-byte": (.invalidCharacter, 2, 9),
        "python-tag": (.yamlTag, 2, 6),
        "tab-indentation": (.yamlSyntax, 2, 1),
        "two-documents": (.multipleDocuments, 3, 1),
        "unclosed-flow-sequence": (.yamlSyntax, 2, 8),
        "unclosed-quote": (.yamlSyntax, 4, 1),
        "undefined-alias": (.undefinedAlias, 2, 9),
    ]

    @Test func everyFixtureHasAnExpectation() throws {
        #expect(try GoldenFiles.hostileFixtureNames() == Self.expectations.keys.sorted())
    }

    @Test(arguments: expectations.keys.sorted())
    func fixture(_ name: String) throws {
        let bytes = try GoldenFiles.fixtureBytes(name)
        let clock = ContinuousClock()
        var result: YAMLReadResult?
        let elapsed = clock.measure { result = YAMLReader.read(bytes: bytes, file: "\(name).yaml") }
        print("\(name): \(elapsed)")
        let diagnostics = try #require(result).diagnostics
        let first = try #require(diagnostics.first)
        let expected = try #require(Self.expectations[name])
        #expect(first.code == expected.code)
        #expect(first.span?.start == StatuteCore.SourceLocation(line: expected.line, column: expected.column))
        #expect(first.span?.file == "\(name).yaml")
        #expect(diagnostics.allSatisfy { $0.isError && $0.span != nil })
        GoldenFiles.check(GoldenFiles.render(diagnostics), against: name)
    }

    @Test func fatalFixturesHaveNoRoot() throws {
        for name in ["alias-bomb", "bad-indentation", "comment-only", "deep-nesting", "empty",
                     "invalid-utf8", "nul-byte", "two-documents", "undefined-alias"] {
            let result = YAMLReader.read(bytes: try GoldenFiles.fixtureBytes(name), file: name)
            #expect(result.root == nil, "\(name)")
        }
    }

    @Test func tabIndentationExplainsTabs() throws {
        let result = YAMLReader.read(bytes: try GoldenFiles.fixtureBytes("tab-indentation"), file: "t.yaml")
        let help = try #require(result.diagnostics.first?.help)
        #expect(help.contains("tabs cannot indent YAML; use spaces"))
    }

    @Test func unclosedQuoteSaysWhereTheQuoteStarts() throws {
        let result = YAMLReader.read(bytes: try GoldenFiles.fixtureBytes("unclosed-quote"), file: "q.yaml")
        #expect(result.diagnostics.first?.help == "a quoted scalar starts at line 2, column 8")
    }

    @Test func duplicateKeyHelpNamesTheFirstLine() throws {
        let result = YAMLReader.read(bytes: try GoldenFiles.fixtureBytes("duplicate-key-nested"), file: "d.yaml")
        #expect(result.diagnostics.first?.help?.contains("line 3") == true)
        // The structure is intact: the first value is kept.
        let active = try #require(result.root?["statuses"]?["active"])
        #expect(active["label"]?.scalar?.value == "Active")
        #expect(active.mapping?.count == 2)
    }

    @Test func aHundredThousandBracketsStopAtTheDepthLimit() {
        let text = String(repeating: "[", count: 100_000)
        let clock = ContinuousClock()
        var result: YAMLReadResult?
        let elapsed = clock.measure { result = YAMLReader.read(text: text, file: "brackets.yaml") }
        print("100,000 brackets: \(elapsed)")
        #expect(result?.root == nil)
        #expect(result?.diagnostics.map(\.description) == ["brackets.yaml:1:65: error[too-deep]: collections nest deeper than 64 levels"])
    }

    @Test func sixtyFourLevelsAreFine() {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        let result = YAMLReader.read(text: text, file: "ok.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?.sequence != nil)
    }

    @Test func aliasesCannotDeepenPastTheLimit() {
        let text = "a: &a [[[1]]]\nb: [[*a]]\n"
        let result = YAMLReader.read(text: text, file: "x.yaml", limits: YAMLLimits(maxDepth: 5))
        #expect(result.diagnostics.map(\.description) == ["x.yaml:2:6: error[too-deep]: collections nest deeper than 5 levels"])
    }

    @Test func aGeneratedFiveMebibyteScalarIsTooLarge() {
        var bytes = Array("text: ".utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 5 * 1024 * 1024))
        let result = YAMLReader.read(bytes: bytes, file: "big.yaml")
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == [.fileTooLarge])
        #expect(result.diagnostics.first?.span?.start == StatuteCore.SourceLocation(line: 1, column: 1))
    }

    @Test func theNodeLimitCountsOnlyWhatAliasesStandFor() {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        // Each `*a` stands for the list and its three items: 4 + 4 = 8 nodes. The 10 nodes
        // written out in the file do not count.
        #expect(YAMLReader.read(text: text, file: "n.yaml", limits: YAMLLimits(maxNodes: 8)).diagnostics.isEmpty)
        let over = YAMLReader.read(text: text, file: "n.yaml", limits: YAMLLimits(maxNodes: 7))
        #expect(over.diagnostics.map(\.description) == ["n.yaml:2:9: error[too-many-nodes]: the aliases in the document stand for more than 7 nodes"])
    }

    @Test func nodesWrittenOutDoNotCountAgainstTheAliasBudget() {
        let text = "items: [" + (0..<50).map(String.init).joined(separator: ", ") + "]\n"
        #expect(YAMLReader.read(text: text, file: "n.yaml", limits: YAMLLimits(maxNodes: 5)).diagnostics.isEmpty)
    }

    @Test func everyEncodingProblemIsReported() {
        let bytes: [UInt8] = Array("a: \u{1}\nb: ".utf8) + [0xFF, 0x0A] + Array("c: \u{2028}\n".utf8)
        let result = YAMLReader.read(bytes: bytes, file: "e.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "e.yaml:1:4: error[invalid-character]: control character `U+0001` is not allowed in YAML",
            "e.yaml:2:4: error[invalid-utf8]: invalid UTF-8 byte `0xFF`",
            "e.yaml:3:4: error[invalid-character]: line or paragraph separator `U+2028` is not allowed in YAML",
        ])
    }

    @Test func explicitEmptyDocumentIsEmpty() {
        let result = YAMLReader.read(text: "# nothing\n---\n", file: "e.yaml")
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == [.emptyDocument])
        #expect(result.diagnostics.first?.span?.start.line == 2)
    }

    @Test func recursiveAliasIsUndefined() {
        let result = YAMLReader.read(text: "a: &a [*a]\n", file: "r.yaml")
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == [.undefinedAlias])
    }

    @Test func explicitCoreTagIsStillATag() {
        let result = YAMLReader.read(text: "a: &x !!str 5\nb: ! c\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "t.yaml:1:7: error[yaml-tag]: tag `!!str` is not allowed",
            "t.yaml:2:4: error[yaml-tag]: tag `!` is not allowed",
        ])
    }
}

@Suite struct SyntaxMessageTests {
    @Test func libyamlQuotedCharactersBecomeBackticked() throws {
        let result = YAMLReader.read(bytes: try GoldenFiles.fixtureBytes("unclosed-flow-sequence"), file: "f.yaml")
        #expect(result.diagnostics.first?.message == "did not find expected `,` or `]` while parsing a flow sequence")
        #expect(result.diagnostics.first?.help == "a flow sequence starts at line 1, column 8")
    }

    @Test func undefinedAliasSuggestsACloseAnchor() throws {
        let result = YAMLReader.read(bytes: try GoldenFiles.fixtureBytes("undefined-alias"), file: "u.yaml")
        #expect(result.diagnostics.first?.help == "did you mean `*defaults`?")
    }

    @Test func anUnexpectedCharacterIsNamed() {
        let result = YAMLReader.read(text: "a: @b\n", file: "c.yaml")
        #expect(result.diagnostics.map(\.description) == ["c.yaml:1:4: error[yaml-syntax]: found character `@` that cannot start any token"])
    }
}
