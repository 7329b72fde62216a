import Testing
@testable import Statute

/// Rejections name what the user asked for: a named transition that does not start from
/// the record's status is reported as such, not as "no manual transition to …".
@Suite struct RejectionMessageTests {
    let today = day("2026-03-01")

    @Test func aNamedTransitionThatDoesNotStartHereIsNamedInTheReason() throws {
        let result = try Engine.certification().evaluate(
            Record(status: "applied"), request: .manual(status: "in_progress", role: "staff", transition: "enrol"),
            today: today)
        #expect(result.outcome == .rejected)
        let reason = try #require(result.reason)
        #expect(reason.contains("transition `enrol` does not start from Applied"))
        #expect(reason.contains("`approve-application`"))
        #expect(!reason.contains("no manual transition to In Progress from Applied"))
    }

    @Test func withoutATransitionNameTheReasonListsWhereTheStatusCanBeSetFrom() throws {
        let result = try Engine.certification().evaluate(
            Record(status: "active"), request: .manual(status: "in_progress", role: "staff"), today: today)
        #expect(result.outcome == .rejected)
        #expect(result.reason?.contains("no manual transition to In Progress from Active") == true)
    }
}

@Suite struct UnknownRoleTests {
    @Test func anUnknownRoleInARequestListsThePolicysRoles() throws {
        #expect {
            _ = try Engine.certification().evaluate(Record(status: "applied"),
                                                    request: .manual(status: "declined", role: "clerk"), today: day("2026-03-01"))
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.code == .unknownRole && diagnostic.help == "the roles are `staff`, `admin`"
        }
    }
}
