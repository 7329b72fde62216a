import Foundation
import Testing

/// policies/certification.md through the command line's JSON output: the default policy behaves as the
/// status reference says, for every status and every way it is set.
@Suite struct CLIDefaultPolicyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let policy = repository.appendingPathComponent("policies/certification.yaml").path

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        let exit: Int32
        let status: String?
        let outcome: String
        let steps: [String]
        var effects: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "apply, approval required → Applied", arguments: ["--event", "apply", "--fact", "program.require_approval=true"],
             exit: 0, status: "applied", outcome: "changed", steps: ["apply-with-approval"], effects: ["new_application_email"]),
        Case(name: "apply → In Progress", arguments: ["--event", "apply"], exit: 0, status: "in_progress", outcome: "changed",
             steps: ["apply"]),
        Case(name: "enrol by staff", arguments: ["--set", "in_progress", "--as", "staff"], exit: 0, status: "in_progress",
             outcome: "changed", steps: ["enrol"]),
        Case(name: "approve", arguments: ["--status", "applied", "--set", "in_progress", "--as", "staff"], exit: 0,
             status: "in_progress", outcome: "changed", steps: ["approve-application"]),
        Case(name: "decline", arguments: ["--status", "applied", "--set", "declined", "--as", "staff"], exit: 0,
             status: "declined", outcome: "changed", steps: ["decline-application"]),
        Case(name: "decline from the wrong status is rejected", arguments: ["--status", "active", "--set", "declined", "--as", "staff"],
             exit: 1, status: "active", outcome: "rejected", steps: []),
        Case(name: "inactive", arguments: ["--status", "in_progress", "--set", "inactive", "--as", "staff"], exit: 0,
             status: "inactive", outcome: "changed", steps: ["deactivate"]),
        Case(name: "back to in progress", arguments: ["--status", "inactive", "--set", "in_progress", "--as", "staff"], exit: 0,
             status: "in_progress", outcome: "changed", steps: ["reactivate"]),
        Case(name: "not completed", arguments: ["--status", "inactive", "--set", "not_completed", "--as", "staff"], exit: 0,
             status: "not_completed", outcome: "changed", steps: ["mark-not-completed"]),
        Case(name: "cancelled", arguments: ["--status", "expiring", "--set", "cancelled", "--as", "staff"], exit: 0,
             status: "cancelled", outcome: "changed", steps: ["cancel"]),
        Case(name: "nothing leaves cancelled", arguments: ["--status", "cancelled", "--set", "in_progress", "--as", "admin"],
             exit: 1, status: "cancelled", outcome: "rejected", steps: []),
        Case(name: "completion → Active", arguments: ["--status", "in_progress", "--fact", "components.required=2",
                                                     "--fact", "components.completed=2"],
             exit: 0, status: "active", outcome: "changed", steps: ["complete"], effects: ["issue_certificate"]),
        Case(name: "completion with approval → Admin Review",
             arguments: ["--status", "in_progress", "--fact", "components.required=2", "--fact", "components.completed=2",
                         "--fact", "program.require_completion_approval=true"],
             exit: 0, status: "admin_review", outcome: "changed", steps: ["complete-for-review"],
             effects: ["admin_review_required_email"]),
        Case(name: "admin approves completion", arguments: ["--status", "admin_review", "--set", "active", "--as", "admin"],
             exit: 0, status: "active", outcome: "changed", steps: ["approve-completion"], effects: ["issue_certificate"]),
        Case(name: "staff may not approve completion", arguments: ["--status", "admin_review", "--set", "active", "--as", "staff"],
             exit: 1, status: "admin_review", outcome: "rejected", steps: []),
        Case(name: "Expiring n days before", arguments: ["--status", "active", "--fact", "expires_on=2026-03-31",
                                                        "--setting", "expiring_notice_days=30"],
             exit: 0, status: "expiring", outcome: "changed", steps: ["expiring"], effects: ["certification_expiring_email"]),
        Case(name: "setting 0: never Expiring", arguments: ["--status", "active", "--fact", "expires_on=2026-03-31"],
             exit: 0, status: "active", outcome: "unchanged", steps: []),
        Case(name: "Expired on the date", arguments: ["--status", "expiring", "--fact", "expires_on=2026-03-01"],
             exit: 0, status: "expired", outcome: "changed", steps: ["expire"]),
        Case(name: "past expiry straight to Expired", arguments: ["--status", "active", "--fact", "expires_on=2026-01-01",
                                                                 "--setting", "expiring_notice_days=30"],
             exit: 0, status: "expired", outcome: "changed", steps: ["expire"]),
        Case(name: "apply when active is ignored", arguments: ["--status", "active", "--event", "apply"],
             exit: 0, status: "active", outcome: "ignored", steps: []),
    ]

    @Test(arguments: cases)
    func evalFollowsTheStatusReference(_ example: Case) throws {
        let run = try StatuteBinary.run(["eval", "--policy", Self.policy, "--today", "2026-03-01", "--format", "json"]
            + example.arguments)
        #expect(run.status == example.exit, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == example.status)
        #expect(object["outcome"] as? String == example.outcome)
        let steps = (object["steps"] as? [[String: Any]] ?? []).compactMap { $0["transition"] as? String }
        #expect(steps == example.steps)
        #expect(object["effects"] as? [String] == example.effects)
        if example.outcome == "rejected" || example.outcome == "ignored" {
            #expect(object["reason"] is String)
        } else {
            #expect(object["reason"] == nil)
        }
    }

    @Test func theIssueExampleExplainsWhyTheRecordIsNotExpiring() throws {
        let run = try StatuteBinary.run(["eval", "--policy", Self.policy, "--status", "active", "--fact", "completed_on=2025-01-31",
                                         "--fact", "program.expires_after_months=13", "--today", "2026-02-20", "--explain"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("settings.expiring_notice_days"))
        #expect(run.stdout.contains("is 0"))
        #expect(run.stdout.contains("2026-02-28"))
    }

    @Test func theDefaultPolicysTestsPassThroughTheCommandLine() throws {
        let run = try StatuteBinary.run(["test", "--coverage", "--min-coverage", "100",
                                         Self.repository.appendingPathComponent("policies").path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("100.0%"))
        #expect(run.stdout.contains(" passed, 0 failed"))
        let junit = try StatuteBinary.run(["test", "--format", "junit", Self.repository.appendingPathComponent("policies").path])
        #expect(junit.stdout.hasPrefix("<?xml"))
        #expect(junit.stdout.contains("<testsuites"))
    }

    @Test func aNewRecordHasNullStatusAndPrevious() throws {
        let run = try StatuteBinary.run(["eval", "--policy", Self.policy, "--today", "2026-03-01", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["status"] is NSNull)
        #expect(object["previous"] is NSNull)
        #expect(object["outcome"] as? String == "unchanged")
        #expect(object["next"] is NSNull)
    }
}
