import Foundation
import Testing
@testable import Statute

/// The README's examples stay true.
@Suite struct ReadmeTests {
    static let readme = (try? String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test func theTourPolicyIsTheCheckedExample() throws {
        let block = try #require(Self.readme.components(separatedBy: "## A policy, briefly").last?
            .components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let example = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("examples/membership/membership.yaml"),
                                 encoding: .utf8)
        #expect(example.hasSuffix(block), "examples/membership/membership.yaml must match the README's tour")
        let loaded = PolicyLoader.load(text: block, file: "README.md")
        #expect(loaded.policy != nil, "\(loaded.diagnostics)")
    }

    @Test func theEmbeddingSnippetIsTheCompiledExample() throws {
        let section = try #require(Self.readme.components(separatedBy: "## Embedding\n").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        let block = try #require(section.components(separatedBy: "```swift\n").dropFirst()
            .first { $0.hasPrefix("import ") }?.components(separatedBy: "```").first)
        let example = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent(
            "examples/nightly-reevaluation/Sources/readme-embedding/main.swift"), encoding: .utf8)
        #expect(example.hasSuffix(block), "examples/nightly-reevaluation/Sources/readme-embedding/main.swift must match the README's snippet")
        #expect(!block.contains("fatalError"))
    }
}
