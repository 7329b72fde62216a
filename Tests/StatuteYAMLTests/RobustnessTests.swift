import StatuteCore
import Testing
import StatuteTestSupport
@testable import StatuteYAML

/// Truncated and mutated documents: the reader must never crash, and every scalar it
/// returns must have its locations inside the file.
@Suite struct RobustnessTests {
    static let sample = """
        name: "cert\\u00e9 \\x41"
        plain: one two
          three
        single: 'it''s
          folded'
        list: [a, {b: c}, *x]
        anchored: &x [1, 2]
        lit: |2+
            kept
          base

        fold: >-
          a
          b
        # comment
        tab:\t"v"
        """

    /// Checks every scalar of the tree (iteratively) and returns how many nodes it has.
    @discardableResult
    private func checkScalars(_ root: YAMLNode?, lineCount: Int) -> Int {
        var pending = root.map { [$0] } ?? []
        var count = 0
        while let node = pending.popLast() {
            count += 1
            switch node.kind {
            case .scalar(let scalar):
                #expect(scalar.text.locations.count == scalar.value.unicodeScalars.count + 1)
                for location in scalar.text.locations {
                    #expect((1...lineCount + 1).contains(location.line) && location.column >= 1)
                }
            case .sequence(let items): pending.append(contentsOf: items)
            case .mapping(let entries): pending.append(contentsOf: entries.flatMap { [$0.key, $0.value] })
            }
        }
        return count
    }

    @Test func everyPrefixOfADocument() {
        let scalars = Array(Self.sample.unicodeScalars)
        let lineCount = Self.sample.split(separator: "\n", omittingEmptySubsequences: false).count
        for length in 0...scalars.count {
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars.prefix(length))
            let result = YAMLReader.read(text: text, file: "prefix.yaml")
            #expect(result.root != nil || result.diagnostics.hasErrors)
            checkScalars(result.root, lineCount: lineCount)
        }
    }

    @Test func seededByteMutations() {
        var generator = SplitMix64(seed: 0x5747_4154_5554_45)
        let original = Array(Self.sample.utf8)
        let alphabet = Array("\"'\\|>-:#&*!?[]{},\n\t  ab\r".utf8) + [0x00, 0xC3, 0xA9, 0xFF]
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let position = Int(generator.next() % UInt64(bytes.count))
                let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                if generator.next() % 2 == 0 { bytes[position] = byte } else { bytes.insert(byte, at: position) }
            }
            let result = YAMLReader.read(bytes: bytes, file: "mutant.yaml")
            #expect(result.root != nil || result.diagnostics.hasErrors)
            let lineCount = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
            checkScalars(result.root, lineCount: lineCount)
        }
    }

    @Test func aLargeScalarJustUnderTheLimit() {
        var text = "text: \""
        text += String(repeating: "abc \\u00e9 ", count: 100_000)
        text += "\"\n"
        let clock = ContinuousClock()
        var result: YAMLReadResult?
        let elapsed = clock.measure { result = YAMLReader.read(text: text, file: "large.yaml") }
        print("large scalar (\(text.utf8.count) bytes): \(elapsed)")
        let scalar = result?.root?["text"]?.scalar
        #expect(scalar?.text.location(atScalarOffset: 4) == StatuteCore.SourceLocation(line: 1, column: 12))
    }
}

@Suite struct ManyErrorsTests {
    @Test func manyUndefinedAliasesAmongManyAnchorsStayCheap() {
        var text = ""
        for index in 0..<3_000 { text += "- &anchor\(index) v\n" }
        for index in 0..<5_000 { text += "- *missing\(index)\n" }
        let clock = ContinuousClock()
        var result: YAMLReadResult?
        let elapsed = clock.measure { result = YAMLReader.read(text: text, file: "aliases.yaml") }
        print("3,000 anchors and 5,000 undefined aliases: \(elapsed)")
        #expect(result?.root == nil)
        #expect(result?.diagnostics.count == 5_000)
        #expect(result?.diagnostics.first?.code == .undefinedAlias)
    }
}
