import Foundation
import Testing
import StatuteTestSupport
@testable import Statute

/// The committed `policies/certification.md` and `docs/certification.dot` are generated
/// from the default policy; these tests fail when they are stale. Re-generate them with
/// `STATUTE_RECORD=1 swift test --filter GeneratedDocsTests`.
@Suite struct GeneratedDocsTests {
    static func expectFresh(_ actual: String, at relativePath: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        GoldenFile.expect(actual, matches: Fixtures.repositoryRoot.appendingPathComponent(relativePath),
                          sourceLocation: sourceLocation)
    }

    @Test func theCertificationReferenceIsFresh() {
        Self.expectFresh(PolicyDocs.markdown(for: Policies.certification), at: "policies/certification.md")
    }

    @Test func theCertificationDiagramSourceIsFresh() {
        Self.expectFresh(PolicyGraph.dot(for: Policies.certification), at: "docs/certification.dot")
    }
}
