import StatuteCore
import Testing
@testable import StatuteYAML

private typealias Location = StatuteCore.SourceLocation

private func read(_ text: String) throws -> YAMLNode {
    let result = YAMLReader.read(text: text, file: "p.yaml")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return try #require(result.root)
}

@Suite struct ReaderStructureTests {
    static let policy = """
        name: cert
        statuses:
          active:
            label: Active
          lapsed: {label: Lapsed, final: true}
        list: [a, b]
        block:
          - x
          - y
        """

    @Test func nestedMappingsAndListsKeepFileOrder() throws {
        let root = try read(Self.policy)
        #expect(root.mapping?.map { $0.key.scalar?.value } == ["name", "statuses", "list", "block"])
        #expect(root["name"]?.scalar?.value == "cert")
        #expect(root["statuses"]?["active"]?["label"]?.scalar?.value == "Active")
        #expect(root["statuses"]?["lapsed"]?["final"]?.scalar?.boolValue == true)
        #expect(root["list"]?.sequence?.compactMap { $0.scalar?.value } == ["a", "b"])
        #expect(root["block"]?.sequence?.compactMap { $0.scalar?.value } == ["x", "y"])
    }

    @Test func spansOfMappingsAndSequences() throws {
        let root = try read(Self.policy)
        #expect(root.span.start == Location(line: 1, column: 1))
        #expect(root.span.file == "p.yaml")
        #expect(root["statuses"]?.span.start == Location(line: 3, column: 3))
        let lapsed = try #require(root["statuses"]?["lapsed"])
        #expect(lapsed.span.start == Location(line: 5, column: 11))
        #expect(lapsed.span.end == Location(line: 5, column: 39))
        let list = try #require(root["list"])
        #expect(list.span.start == Location(line: 6, column: 7))
        #expect(list.span.end == Location(line: 6, column: 13))
        #expect(list.sequence?.last?.span.start == Location(line: 6, column: 11))
        #expect(root["block"]?.span.start == Location(line: 8, column: 3))
        #expect(root["block"]?.sequence?.last?.span.start == Location(line: 9, column: 5))
        let nameKey = try #require(root.mapping?.first?.key)
        #expect(nameKey.span.start == Location(line: 1, column: 1))
        #expect(nameKey.span.end == Location(line: 1, column: 5))
    }

    @Test func anchorsAndAliasesAreExpanded() throws {
        let root = try read("""
            base: &b {label: A, final: false}
            copy: *b
            list: [*b, *b]
            x: &s hello
            y: *s
            """)
        let copy = try #require(root["copy"])
        #expect(copy.kind == root["base"]?.kind)
        // The copy's root takes the alias's span; the nodes inside keep the anchored spans.
        #expect(copy.span.start == Location(line: 2, column: 7))
        #expect(copy.mapping?.first?.key.span.start == Location(line: 1, column: 11))
        #expect(root["list"]?.sequence?.count == 2)
        #expect(root["list"]?.sequence?.last?["label"]?.scalar?.value == "A")
        let y = try #require(root["y"]?.scalar)
        #expect(y.value == "hello")
        #expect(root["y"]?.span.start == Location(line: 5, column: 4))
        #expect(y.text.location(atScalarOffset: 0) == Location(line: 4, column: 7))
    }

    @Test func yamlOneOneBooleansStayStrings() throws {
        let root = try read("a: yes\nb: no\nc: on\nd: off\ne: true\n")
        for key in ["a", "b", "c", "d"] {
            #expect(root[key]?.scalar?.boolValue == nil)
            #expect(root[key]?.kindDescription == "a string")
        }
        #expect(root["e"]?.scalar?.boolValue == true)
    }

    @Test func tagsAndDuplicateKeysKeepTheTree() {
        let result = YAMLReader.read(text: "a: !!str 1\na: 2\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.yamlTag, .duplicateKey])
        #expect(result.root?["a"]?.scalar?.value == "1")
        #expect(result.root?.mapping?.count == 1)
    }

    @Test func complexKeysAreDroppedAndReported() {
        let result = YAMLReader.read(text: "{a: 1}: x\nb: 2\n", file: "c.yaml")
        #expect(result.diagnostics.map(\.description) == ["c.yaml:1:1: error[complex-key]: expected a scalar key, found a mapping"])
        #expect(result.root?.mapping?.map { $0.key.scalar?.value } == ["b"])
    }

    @Test func emptyValuesAreNullScalars() throws {
        let root = try read("a:\nb: ~\n")
        #expect(root["a"]?.scalar?.isNull == true)
        #expect(root["b"]?.scalar?.isNull == true)
    }

    @Test func aScalarDocumentIsReadToo() throws {
        let root = try read("just text\n")
        #expect(root.scalar?.value == "just text")
    }

    @Test func explicitDocumentMarkersAreOneDocument() throws {
        let root = try read("%YAML 1.1\n---\na: 1\n...\n")
        #expect(root["a"]?.scalar?.intValue == 1)
    }
}
