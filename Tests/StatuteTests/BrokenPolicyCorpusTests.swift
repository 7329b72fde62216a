import Foundation
import Testing
import StatuteTestSupport
@testable import Statute

/// Every file under `Fixtures/broken/` has one fault; each must be rejected with the
/// right code at the right line and column (golden `.expected` files holding the rendered
/// rustc-style output), without crashing.
@Suite struct BrokenPolicyCorpusTests {
    static let cases = Fixtures.names(in: "broken")

    @Test func theCorpusIsLargeEnough() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func brokenPolicyIsRejectedWithLocatedDiagnostics(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.url("broken", name + ".yaml")))
        let loaded = PolicyLoader.load(bytes: bytes, file: name + ".yaml")
        #expect(loaded.policy == nil, "a broken policy must not compile")
        #expect(loaded.diagnostics.hasErrors)
        for diagnostic in loaded.diagnostics {
            #expect(diagnostic.span != nil, "every diagnostic of a policy file has a position: \(diagnostic)")
        }
        let source = String(decoding: bytes, as: UTF8.self)
        var renderer = DiagnosticRenderer(sources: { _ in source })
        let rendered = renderer.render(loaded.diagnostics, format: .text, files: 1)
        GoldenFile.expect(rendered, matches: Fixtures.url("broken", name + ".expected"))
    }
}
