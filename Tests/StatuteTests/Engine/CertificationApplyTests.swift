import Testing
@testable import Statute

/// policies/certification.md, "event: apply" and the staff-only transitions.
@Suite struct CertificationApplyTests {
    let today = day("2026-03-01")

    @Test func applyingToAProgramThatRequiresApprovalLeavesTheContactApplied() throws {
        let result = try Engine.certification().evaluate(
            Record(facts: ["program.require_approval": .bool(true)]), request: .event("apply"), today: today)
        #expect(result.outcome == .changed)
        #expect(result.status == "applied")
        #expect(result.previous == nil)
        #expect(result.steps == [Step(transition: "apply-with-approval", from: nil, to: "applied", mode: .automatic, trigger: .event)])
        #expect(result.effects == ["new_application_email"])
    }

    @Test func applyingToAProgramWithoutApprovalStartsTheCertification() throws {
        let result = try Engine.certification().evaluate(Record(), request: .event("apply"), today: today)
        #expect(result.status == "in_progress")
        #expect(result.steps.map(\.transition) == ["apply"])
        #expect(result.effects.isEmpty)
    }

    @Test func applyingWhenAlreadyEnrolledIsIgnoredNotAnError() throws {
        let result = try Engine.certification().evaluate(Record(status: "active"), request: .event("apply"), today: today)
        #expect(result.outcome == .ignored)
        #expect(result.status == "active")
        #expect(result.steps.isEmpty)
        #expect(result.reason?.contains("apply") == true)
    }

    @Test(arguments: [
        ("applied", "in_progress", "approve-application"),
        ("applied", "declined", "decline-application"),
        ("in_progress", "inactive", "deactivate"),
        ("inactive", "in_progress", "reactivate"),
        ("in_progress", "not_completed", "mark-not-completed"),
        ("inactive", "not_completed", "mark-not-completed"),
        ("expired", "cancelled", "cancel"),
        ("admin_review", "cancelled", "cancel"),
    ])
    func staffSetStatuses(from: String, to: String, transition: String) throws {
        let result = try Engine.certification().evaluate(Record(status: from), request: .manual(status: to, role: "staff"),
                                                         today: today)
        #expect(result.outcome == .changed)
        #expect(result.status == to)
        #expect(result.steps == [Step(transition: transition, from: from, to: to, mode: .manual, trigger: .manual)])
    }

    @Test func staffEnrolANewRecord() throws {
        let result = try Engine.certification().evaluate(Record(), request: .manual(status: "in_progress", role: "staff"),
                                                         today: today)
        #expect(result.steps.map(\.transition) == ["enrol"])
        #expect(result.status == "in_progress")
    }

    @Test func adminsMayDoWhatStaffMay() throws {
        let result = try Engine.certification().evaluate(Record(status: "applied"),
                                                         request: .manual(status: "declined", role: "admin"), today: today)
        #expect(result.status == "declined")
    }

    @Test func decliningFromTheWrongStatusIsRejectedNamingWhereItCanBeSetFrom() throws {
        let result = try Engine.certification().evaluate(Record(status: "in_progress"),
                                                         request: .manual(status: "declined", role: "staff"), today: today)
        #expect(result.outcome == .rejected)
        #expect(result.status == "in_progress")
        #expect(result.steps.isEmpty)
        #expect(result.rejection?.kind == .noTransition)
        #expect(result.rejection?.allowedFrom == ["applied"])
        #expect(result.next == nil)
    }

    @Test func staffCannotApproveACompletion() throws {
        let result = try Engine.certification().evaluate(Record(status: "admin_review"),
                                                         request: .manual(status: "active", role: "staff"), today: today)
        #expect(result.outcome == .rejected)
        #expect(result.rejection?.kind == .roleNotPermitted)
        #expect(result.rejection?.allowedRoles == ["admin"])
    }

    @Test(arguments: ["declined", "cancelled"])
    func nothingLeavesAFinalStatus(_ status: String) throws {
        for target in Policies.certification.statuses.map(\.id) where target != status {
            let result = try Engine.certification().evaluate(Record(status: status),
                                                             request: .manual(status: target, role: "admin"), today: today)
            #expect(result.outcome == .rejected, "\(status) -> \(target)")
        }
        let settled = try Engine.certification().evaluate(
            Record(status: status, facts: ["components.required": .int(1), "components.completed": .int(1)]), today: today)
        #expect(settled.outcome == .unchanged)
    }

    @Test func onlyTheDocumentedStatusesAreEverSetAutomatically() {
        let automatic = Set(Policies.certification.transitions.filter { $0.mode == .automatic }
            .map { Policies.certification.statuses[$0.to].id })
        #expect(automatic == ["in_progress", "applied", "active", "admin_review", "expiring", "expired"])
        let manualOnly = Set(Policies.certification.transitions.filter { $0.mode == .manual }
            .map { Policies.certification.statuses[$0.to].id }).subtracting(automatic)
        #expect(manualOnly == ["declined", "inactive", "not_completed", "cancelled"])
    }
}
