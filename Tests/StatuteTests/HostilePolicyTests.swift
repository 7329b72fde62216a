import Foundation
import Testing
import StatuteTestSupport
@testable import Statute

/// docs/reliability.md: a policy file of any content is either loaded or rejected with located
/// diagnostics — never a crash, a hang or exhausted memory.
@Suite struct HostilePolicyTests {
    static let policyText = try! String(contentsOfFile: Policies.certificationPath, encoding: .utf8)

    /// Loads bytes and checks the bad-input contract: a policy, or errors that all have positions.
    func expectLoadedOrLocated(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let loaded = PolicyLoader.load(bytes: bytes, file: "hostile.yaml")
        if loaded.policy == nil {
            #expect(loaded.diagnostics.hasErrors, sourceLocation: sourceLocation)
        }
        for diagnostic in loaded.diagnostics {
            #expect(diagnostic.span != nil, "\(diagnostic)", sourceLocation: sourceLocation)
        }
    }

    @Test func aHundredThousandNestedBracketsAreRejected() {
        let text = "statute: 1\nname: deep\nstatuses: " + String(repeating: "[", count: 100_000)
        let loaded = PolicyLoader.load(text: text)
        #expect(loaded.diagnostics.map(\.code).contains("too-deep"))
    }

    @Test func aFileOverTheSizeLimitIsRejectedUnread() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-big-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("big.yaml").path
        try ("description: \"" + String(repeating: "x", count: 5 * 1024 * 1024) + "\"\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = PolicyLoader.load(contentsOf: path)
        #expect(loaded.diagnostics.map(\.code) == ["file-too-large"])
        #expect(loaded.diagnostics.first?.span?.start == SourceLocation(line: 1, column: 1))
    }

    @Test func deeplyNestedExpressionsAreErrorsNotStackOverflows() {
        for hostile in [String(repeating: "(", count: 100_000), String(repeating: "!", count: 4000) + "true",
                        String(repeating: "-", count: 4000) + "1", "[" + String(repeating: "[", count: 3000)] {
            let text = Self.policyText.replacingOccurrences(of: "guard: program.require_approval\n",
                                                            with: "guard: '\(hostile)'\n")
            let loaded = PolicyLoader.load(text: text)
            #expect(loaded.policy == nil)
            #expect(loaded.diagnostics.contains { $0.code.rawValue.hasPrefix("expression-") })
        }
    }

    @Test func seededByteMutationsOfTheDefaultPolicyNeverCrash() {
        var generator = SplitMix64(seed: 0x5EED)
        let original = Array(Self.policyText.utf8)
        let interesting: [UInt8] = Array("\0\t\n:-[]{}*&!|>'\"#%@`?,".utf8) + [0xFF, 0xC3, 0x80]
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = interesting.randomElement(using: &generator)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(interesting.randomElement(using: &generator)!, at: index)
                }
            }
            expectLoadedOrLocated(bytes)
        }
    }

    @Test func randomExpressionsInAGuardAreLoadedOrLocated() throws {
        let target = "guard: program.require_approval\n"
        try #require(Self.policyText.contains(target), "the guard the expressions replace is not in the policy")
        var generator = SplitMix64(seed: 42)
        let tokens = ["(", ")", "!", "-", "+", "*", "/", "%", "&&", "||", "??", "?", ":", "==", "<", ">=", "in", "[", "]",
                      ",", "1", "0", "'x'", "\"y\"", "null", "true", "today", "expiration", "days(", "months(",
                      "date('2026-02-30')", "settings.expiring_notice_days", "program.require_approval", "nope", "\u{A7}"]
        for _ in 0..<300 {
            let expression = (0..<Int.random(in: 1...12, using: &generator))
                .map { _ in tokens.randomElement(using: &generator)! }.joined(separator: " ")
            let escaped = expression.replacingOccurrences(of: "'", with: "''")
            let text = Self.policyText.replacingOccurrences(of: target, with: "guard: '\(escaped)'\n")
            #expect(text.contains("guard: '\(escaped)'\n"), "the expression did not replace the guard")
            expectLoadedOrLocated(Array(text.utf8))
        }
    }

    @Test func thousandsOfProblemsAreCappedWithASummary() {
        var text = "statute: 1\nname: many\nstatuses: {a: {}}\ntransitions:\n"
        for index in 0..<300 { text += "  - {id: t\(index), from: a, to: nope\(index), mode: automatic, when: \"true\"}\n" }
        let loaded = PolicyLoader.load(text: text)
        #expect(loaded.diagnostics.count == 101)
        let last = loaded.diagnostics.last
        #expect(last?.code == .tooManyDiagnostics)
        #expect(last?.message == "200 more problems not shown")
        #expect(last?.span?.start.line == 105)
    }
}
