import Foundation
import Testing
@testable import Statute

/// `impact` on the default policy: settings-only and policy-only candidates, a candidate
/// that removes a transition, events on the first day and lines in error — each expectation
/// worked out by hand.
@Suite("Impact plan")
struct ImpactPlanTests {
    static let certificationText = (try? String(contentsOfFile: Policies.certificationPath, encoding: .utf8)) ?? ""

    /// The default policy with `edits` (old → new text) applied.
    static func edited(_ edits: [(String, String)]) throws -> CompiledPolicy {
        var text = certificationText
        for (old, new) in edits {
            #expect(text.contains(old), "the edit's text is not in the policy: \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try Policies.compile(text)
    }

    static func plan(candidate: CompiledPolicy? = nil, settings: [String: Value] = [:],
                     today: String = "2026-03-01", until: String = "2026-05-31") throws -> ImpactPlan {
        let current = try Engine.certification()
        return ImpactPlan(current: current, candidate: try Engine(policy: candidate ?? current.policy, settings: settings),
                          today: day(today), until: day(until), policiesDiffer: candidate != nil)
    }

    static func assess(_ plan: ImpactPlan, _ line: String, number: Int = 1) -> RecordImpact {
        plan.assess(bytes: Array(line.utf8), line: number)
    }

    static let expiresInApril = #"{"id": "E-1", "status": "active", "facts": {"completed_on": "2025-04-15", "program.expires_after_months": 12}}"#

    @Test func aSettingsOnlyCandidateSendsTheExpiringEmailThirtyDaysAhead() throws {
        // Expiration 2026-04-15; 30 days before is 2026-03-16.
        let impact = Self.assess(try Self.plan(settings: ["expiring_notice_days": .int(30)]), Self.expiresInApril)
        guard case .played(let id, _, let old, let new, let divergesOn) = impact else { Issue.record("not played: \(impact)"); return }
        #expect(id == .string("E-1"))
        #expect(divergesOn == day("2026-03-16"))
        #expect(old.entries.map(\.transition) == ["expire"])
        #expect(new.entries.map { "\($0.date) \($0.transition)" } == ["2026-03-16 expiring", "2026-04-15 expire"])
        #expect(ImpactJSON.difference(impact)?.rendered() == #"{"id":"E-1","diverges_on":"2026-03-16","old":[{"date":"2026-04-15","transition":"expire","from":"active","to":"expired","effects":[],"set":{}}],"new":[{"date":"2026-03-16","transition":"expiring","from":"active","to":"expiring","effects":["certification_expiring_email"],"set":{}},{"date":"2026-04-15","transition":"expire","from":"expiring","to":"expired","effects":[],"set":{}}]}"#)
    }

    @Test func aPolicyOnlyCandidateWithANewDefaultHasTheSameEffect() throws {
        let candidate = try Self.edited([("    default: 0\n    min: 0\n    label: \"Send", "    default: 30\n    min: 0\n    label: \"Send")])
        let impact = Self.assess(try Self.plan(candidate: candidate), Self.expiresInApril)
        guard case .played(_, _, _, _, let divergesOn) = impact else { Issue.record("not played"); return }
        #expect(divergesOn == day("2026-03-16"))
    }

    @Test func anUnchangedRecordIsNotAffected() throws {
        // Never expires: nothing is due, under either side.
        let line = #"{"id": 7, "status": "active", "facts": {"completed_on": "2024-06-01", "program.expires_after_months": 0}}"#
        let impact = Self.assess(try Self.plan(settings: ["expiring_notice_days": .int(30)]), line)
        #expect(!impact.isAffected)
        #expect(ImpactJSON.difference(impact) == nil)
    }

    @Test func aRecordExpiredBeforeTheWindowIsNotAffectedByTheNotice() throws {
        let line = #"{"id": "old", "status": "active", "facts": {"completed_on": "2025-01-31", "program.expires_after_months": 13}}"#
        let impact = Self.assess(try Self.plan(settings: ["expiring_notice_days": .int(30)]), line)
        guard case .played(_, _, let old, let new, let divergesOn) = impact else { Issue.record("not played"); return }
        #expect(divergesOn == nil)
        #expect(old.entries.map { "\($0.date) \($0.transition)" } == ["2026-03-01 expire"])
        #expect(new == old)
    }

    @Test func anEventOnTheFirstDayUnderACandidateThatRemovesItsTransition() throws {
        let candidate = try Self.edited([("""
              - id: apply-with-approval
                description: The contact applies to a program that requires approval.
                from: start
                to: applied
                mode: automatic
                on: apply
                guard: program.require_approval
                effects: [new_application_email]

            """, "")])
        let line = #"{"id": "new", "facts": {"program.require_approval": true}, "event": "apply"}"#
        let impact = Self.assess(try Self.plan(candidate: candidate), line)
        guard case .played(_, _, let old, let new, let divergesOn) = impact else { Issue.record("not played"); return }
        #expect(old.entries.map { "\($0.date) \($0.transition) \($0.effects)" } == [#"2026-03-01 apply-with-approval ["new_application_email"]"#])
        #expect(new.entries.isEmpty)
        #expect(new.firstOutcome == .ignored)
        #expect(divergesOn == day("2026-03-01"))
        var summary = ImpactSummary()
        summary.add(impact)
        #expect(summary.statusChanges == [ImpactSummary.StatusChange(from: "applied", to: nil, count: 1)])
        #expect(summary.changedEffects.map { "\($0.0) \($0.1.old)→\($0.1.new)" } == ["new_application_email 1→0"])
    }

    @Test func aManualRequestOnTheFirstDayIsApplied() throws {
        let line = #"{"id": "m", "status": "applied", "set": "declined", "as": "staff"}"#
        let impact = Self.assess(try Self.plan(settings: ["expiring_notice_days": .int(30)]), line)
        guard case .played(_, _, let old, _, nil) = impact else { Issue.record("not played or affected"); return }
        #expect(old.entries.map(\.transition) == ["decline-application"])
    }

    @Test(arguments: [
        (#"{"id": "x", "status": "active", "facts": {"completed_onn": "2026-01-01"}}"#, "unknown-fact", #"x"#),
        (#"{"id": "y", "status": "actve"}"#, "unknown-status", "y"),
        (#"{"id": 1, "facts": {"completed_on": "2026-02-30"}}"#, "invalid-date", "1"),
        (#"{"id": "z" "status": "active"}"#, "invalid-json", "z"),
        (#"["not", "an", "object"]"#, "invalid-input", "null"),
        (#"{"id": "e", "event": "apply", "set": "active", "as": "staff"}"#, "invalid-input", "e"),
    ])
    func aLineInErrorIsReportedAsRunReportsIt(line: String, code: String, id: String) throws {
        let impact = Self.assess(try Self.plan(settings: ["expiring_notice_days": .int(30)]), line, number: 4)
        guard case .error(let error) = impact else { Issue.record("not an error: \(impact)"); return }
        #expect(error.line == 4)
        #expect(error.id.rendered().contains(id))
        #expect(!error.message.isEmpty)
        #expect(error.code == code)
        var summary = ImpactSummary()
        summary.add(impact)
        #expect(summary.records == 1 && summary.errors == 1 && summary.affected == 0)
    }

    @Test func aLineValidOnlyUnderTheCurrentPolicyIsAnErrorUnderTheCandidate() throws {
        let candidate = try Self.edited([("  expires_on:\n    type: date?", "  expires_at:\n    type: date?"),
                                         ("expiration: \"expires_on ??", "expiration: \"expires_at ??")])
        let line = #"{"id": "c", "status": "active", "facts": {"expires_on": "2026-04-01"}}"#
        let impact = Self.assess(try Self.plan(candidate: candidate), line)
        guard case .error(let error) = impact else { Issue.record("not an error"); return }
        #expect(error.message.hasPrefix("under the candidate policy: "))
        #expect(error.code == "unknown-fact")
    }

    @Test func theSummaryCountsStatusesTransitionsAndEffects() throws {
        let plan = try Self.plan(settings: ["expiring_notice_days": .int(30)])
        let lines = [
            Self.expiresInApril,                                                                                      // affected, ends expired
            #"{"id": "E-2", "status": "active", "facts": {"completed_on": "2025-08-31", "program.expires_after_months": 9}}"#, // 2026-05-31: expiring 05-01
            #"{"id": "E-3", "status": "active", "facts": {"expires_on": "2026-06-20"}}"#,                              // expiring 05-21, still expiring on 05-31
            #"{"id": "E-4", "status": "active", "facts": {"expires_on": "2026-09-01"}}"#,                              // nothing in the window
            #"{"id": "E-5", "status": "active", "facts": {"expires_onn": "2026-09-01"}}"#,                             // error
        ]
        var summary = ImpactSummary()
        for (index, line) in lines.enumerated() { summary.add(Self.assess(plan, line, number: index + 1)) }
        #expect(summary.records == 5)
        #expect(summary.affected == 3)
        #expect(summary.errors == 1)
        #expect(summary.statusChanges == [ImpactSummary.StatusChange(from: "active", to: "expiring", count: 1)])
        #expect(summary.changedTransitions.map { "\($0.0) \($0.1.old)→\($0.1.new)" } == ["expiring 0→3"])
        let email = try #require(summary.changedEffects.first)
        #expect(email.0 == "certification_expiring_email" && email.1.new == 3)
        #expect(email.1.newDates == day("2026-03-16")...day("2026-05-21"))
        #expect(summary.transitions.first { $0.0 == "expire" }.map { "\($0.1.old)→\($0.1.new)" } == "2→2")
        let text = ImpactText(policy: plan.current.policy, today: plan.today, until: plan.until).summary(summary, candidate: "the test")
        #expect(text.contains("5 records read, 3 affected, 1 in error"))
        #expect(text.contains("+3 `certification_expiring_email` (0 → 3) between 2026-03-16 and 2026-05-21"))
        #expect(text.contains("1 Active (active) → Expiring (expiring)"))
    }
}
