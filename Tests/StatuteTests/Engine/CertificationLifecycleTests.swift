import Testing
@testable import Statute

/// policies/certification.md: completion, expiration and the Expiring notice.
@Suite struct CertificationLifecycleTests {
    let done: [String: Value] = ["components.required": .int(3), "components.completed": .int(3)]

    @Test func completingEveryComponentMakesTheCertificationActive() throws {
        let result = try Engine.certification().evaluate(Record(status: "in_progress", facts: done), today: day("2026-03-01"))
        #expect(result.status == "active")
        #expect(result.steps.map(\.transition) == ["complete"])
        #expect(result.steps.first?.trigger == .when)
        #expect(result.effects == ["issue_certificate"])
        #expect(result.assignments == [Assignment(fact: "completed_on", value: .date(day("2026-03-01")))])
    }

    @Test func anExistingCompletionDateIsKept() throws {
        var facts = done
        facts["completed_on"] = .date(day("2026-02-10"))
        let result = try Engine.certification().evaluate(Record(status: "inactive", facts: facts), today: day("2026-03-01"))
        #expect(result.status == "active")
        #expect(result.assignments == [Assignment(fact: "completed_on", value: .date(day("2026-02-10")))])
    }

    @Test func completionNeedsRequiredComponentsAboveZero() throws {
        let none = try Engine.certification().evaluate(Record(status: "in_progress"), today: day("2026-03-01"))
        #expect(none.outcome == .unchanged)
        let partial = try Engine.certification().evaluate(
            Record(status: "in_progress", facts: ["components.required": .int(3), "components.completed": .int(2)]),
            today: day("2026-03-01"))
        #expect(partial.outcome == .unchanged)
    }

    @Test func completionApprovalSendsTheRecordToAdminReview() throws {
        var facts = done
        facts["program.require_completion_approval"] = .bool(true)
        let result = try Engine.certification().evaluate(Record(status: "in_progress", facts: facts), today: day("2026-03-01"))
        #expect(result.status == "admin_review")
        #expect(result.effects == ["admin_review_required_email"])
        #expect(result.assignments.isEmpty)

        let approved = try Engine.certification().evaluate(Record(status: "admin_review", facts: facts),
                                                           request: .manual(status: "active", role: "admin"),
                                                           today: day("2026-03-02"))
        #expect(approved.status == "active")
        #expect(approved.effects == ["issue_certificate"])
        #expect(approved.assignments == [Assignment(fact: "completed_on", value: .date(day("2026-03-02")))])
    }

    @Test func approvingAnApplicationWithAllComponentsDoneSettlesToActiveInOneEvaluation() throws {
        var facts = done
        facts["program.expires_after_months"] = .int(12)
        let result = try Engine.certification(settings: ["expiring_notice_days": .int(30)]).evaluate(
            Record(status: "applied", facts: facts), request: .manual(status: "in_progress", role: "staff"),
            today: day("2026-03-01"))
        #expect(result.steps.map(\.transition) == ["approve-application", "complete"])
        #expect(result.status == "active")
        // `set` then `at` in one settle: activation computes the Expiring date.
        #expect(result.next == ScheduledChange(transition: "expiring", to: "expiring", date: day("2027-01-30")))
    }

    @Test func anActiveCertificationExpiresOnItsExpirationDate() throws {
        let facts: [String: Value] = ["expires_on": .date(day("2026-06-30"))]
        let before = try Engine.certification().evaluate(Record(status: "active", facts: facts), today: day("2026-06-29"))
        #expect(before.outcome == .unchanged)
        #expect(before.next == ScheduledChange(transition: "expire", to: "expired", date: day("2026-06-30")))
        let on = try Engine.certification().evaluate(Record(status: "active", facts: facts), today: day("2026-06-30"))
        #expect(on.status == "expired")
        #expect(on.steps.first?.trigger == .at)
        #expect(on.next == nil)
    }

    @Test func expiringStartsNDaysBeforeExpirationInclusive() throws {
        let engine = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
        let facts: [String: Value] = ["expires_on": .date(day("2026-06-30"))]
        let dayBefore = try engine.evaluate(Record(status: "active", facts: facts), today: day("2026-05-30"))
        #expect(dayBefore.outcome == .unchanged)
        #expect(dayBefore.next == ScheduledChange(transition: "expiring", to: "expiring", date: day("2026-05-31")))
        let onTheDay = try engine.evaluate(Record(status: "active", facts: facts), today: day("2026-05-31"))
        #expect(onTheDay.status == "expiring")
        #expect(onTheDay.effects == ["certification_expiring_email"])
        #expect(onTheDay.next == ScheduledChange(transition: "expire", to: "expired", date: day("2026-06-30")))
        let expired = try engine.evaluate(Record(status: "expiring", facts: facts), today: day("2026-06-30"))
        #expect(expired.status == "expired")
    }

    @Test func expiringNeverTriggersWhileTheSettingIsZero() throws {
        let facts: [String: Value] = ["expires_on": .date(day("2026-06-30"))]
        let result = try Engine.certification().evaluate(Record(status: "active", facts: facts), today: day("2026-06-29"),
                                                          explain: true)
        #expect(result.outcome == .unchanged)
        #expect(result.next?.to == "expired")
        let expiring = try #require(result.explanation?.considerations.first { $0.transition == "expiring" })
        #expect(expiring.verdict == .guardFalse)
        #expect(expiring.values.contains(NamedValue(name: "settings.expiring_notice_days", value: .int(0))))
        #expect(expiring.message.contains("settings.expiring_notice_days"))
    }

    @Test func aRecordPastItsExpirationGoesStraightToExpiredWithoutTheEmail() throws {
        let engine = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
        let result = try engine.evaluate(Record(status: "active", facts: ["expires_on": .date(day("2026-01-31"))]),
                                         today: day("2026-03-01"))
        #expect(result.steps.map(\.transition) == ["expire"])
        #expect(result.effects.isEmpty)
    }

    @Test(arguments: [
        ("2025-01-31", 13, "2026-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2025-12-31", 2, "2026-02-28"),
        ("2023-03-31", 11, "2024-02-29"),
    ])
    func theExpirationDateKeepsTheDayOrClampsToTheMonthEnd(completed: String, months: Int, expires: String) throws {
        let facts: [String: Value] = ["completed_on": .date(day(completed)), "program.expires_after_months": .int(months)]
        let result = try Engine.certification().evaluate(Record(status: "active", facts: facts), today: day(completed))
        #expect(result.next == ScheduledChange(transition: "expire", to: "expired", date: day(expires)))
    }

    @Test func anExplicitExpirationDateOverridesTheComputedOne() throws {
        let facts: [String: Value] = ["completed_on": .date(day("2026-01-01")), "program.expires_after_months": .int(12),
                                      "expires_on": .date(day("2026-04-01"))]
        let result = try Engine.certification().evaluate(Record(status: "active", facts: facts), today: day("2026-03-01"))
        #expect(result.next?.date == day("2026-04-01"))
    }

    @Test(arguments: [Value.null, .int(0)])
    func programsThatNeverExpireScheduleNothing(_ months: Value) throws {
        let facts: [String: Value] = ["completed_on": .date(day("2020-01-01")), "program.expires_after_months": months]
        let result = try Engine.certification(settings: ["expiring_notice_days": .int(30)])
            .evaluate(Record(status: "active", facts: facts), today: day("2030-01-01"))
        #expect(result.outcome == .unchanged)
        #expect(result.next == nil)
    }

    @Test func theExplanationTellsStaffWhyARecordIsNotExpiring() throws {
        let facts: [String: Value] = ["completed_on": .date(day("2025-01-31")), "program.expires_after_months": .int(13)]
        let result = try Engine.certification().evaluate(Record(status: "active", facts: facts), today: day("2026-02-20"),
                                                         explain: true)
        let messages = result.explanation?.considerations.map(\.message) ?? []
        #expect(messages.contains { $0.contains("expiring") && $0.contains("is 0") })
        #expect(messages.contains { $0.contains("expire") && $0.contains("2026-02-28") })
    }
}
