import Foundation
import Testing
@testable import Statute

@Suite struct DefaultPolicyLoadTests {
    static let path = Fixtures.repositoryRoot.appendingPathComponent("policies/certification.yaml").path

    @Test func theDefaultPolicyLoadsWithoutErrors() throws {
        let loaded = PolicyLoader.load(contentsOf: Self.path)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.description).joined(separator: "\n"))")
        let policy = try #require(loaded.policy)
        #expect(policy.name == "certification")
        #expect(policy.statuses.map(\.id) == ["in_progress", "applied", "declined", "active", "inactive", "expired",
                                              "not_completed", "admin_review", "expiring", "cancelled"])
        #expect(policy.statuses.map(\.label) == ["In Progress", "Applied", "Declined", "Active", "Inactive", "Expired",
                                                 "Not Completed", "Admin Review", "Expiring", "Cancelled"])
        #expect(policy.statuses.filter(\.isFinal).map(\.id) == ["declined", "cancelled"])
        #expect(policy.role("admin")?.actsAs == ["admin", "staff"])
        #expect(policy.settings.first?.defaultValue?.value == .int(0))
    }
}
