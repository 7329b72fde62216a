import Foundation
import Testing
@testable import Statute

/// The committed `policies/certification.md` and `docs/certification.dot` are generated
/// from the default policy; these tests fail when they are stale. Re-generate them with
/// `STATUTE_RECORD=1 swift test --filter GeneratedDocsTests`.
@Suite struct GeneratedDocsTests {
    static func expectFresh(_ actual: String, at relativePath: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let url = Fixtures.repositoryRoot.appendingPathComponent(relativePath)
        if Fixtures.recording {
            Fixtures.record(actual, to: url, sourceLocation: sourceLocation)
            return
        }
        let committed = try? String(contentsOf: url, encoding: .utf8)
        #expect(committed == actual, "\(relativePath) is stale; re-generate it with STATUTE_RECORD=1",
                sourceLocation: sourceLocation)
    }

    @Test func theCertificationReferenceIsFresh() {
        Self.expectFresh(PolicyDocs.markdown(for: Policies.certification), at: "policies/certification.md")
    }

    @Test func theCertificationDiagramSourceIsFresh() {
        Self.expectFresh(PolicyGraph.dot(for: Policies.certification), at: "docs/certification.dot")
    }
}
