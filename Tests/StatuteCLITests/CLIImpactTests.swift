import Foundation
import Testing

/// `statute diff`, `timeline`, `impact` and `replay` through the built binary: outputs and exit codes.
@Suite("statute diff, timeline, impact and replay")
struct CLIImpactTests {
    static let current = "../../../policies/certification.yaml"
    static let candidate = "../../../examples/records/certification-candidate.yaml"
    static let records = "../../../examples/records/enrollments.jsonl"

    @Test func diffExitsZeroOneOrTwo() throws {
        #expect(try StatuteBinary.run(["diff", Self.current, Self.current]).status == 0)
        let differ = try StatuteBinary.run(["diff", Self.current, Self.candidate])
        #expect(differ.status == 1)
        #expect(differ.stdout == """
            3 changes from \(Self.current) to \(Self.candidate), in 1 setting, 2 transitions:
              setting `expiring_notice_days`: default changed from `0` to `30`
              transition `cancel` removed (was manual from * to cancelled by staff)
              transition `complete`: set completed_on changed from `completed_on ?? today` to `today`

            """)
        let missing = try StatuteBinary.run(["diff", Self.current, "impact/missing.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.yaml"))
        #expect(try StatuteBinary.run(["diff", Self.current, "broken.yaml"]).status == 2)
    }

    @Test func timelineListsDatedChangesWithMonthEndClamping() throws {
        let run = try StatuteBinary.run(["timeline", "--policy", Self.current, "--status", "active",
                                         "--fact", "completed_on=2025-01-31", "--fact", "program.expires_after_months=13",
                                         "--setting", "expiring_notice_days=30", "--today", "2026-01-01", "--format", "json"])
        #expect(run.status == 0)
        let compact = run.stdout.filter { !$0.isWhitespace }
        #expect(compact == #"[{"date":"2026-01-29","transition":"expiring","from":"active","to":"expiring","effects":["certification_expiring_email"],"set":{}},{"date":"2026-02-28","transition":"expire","from":"expiring","to":"expired","effects":[],"set":{}}]"#)
        let early = try StatuteBinary.run(["timeline", "--policy", Self.current, "--today", "2026-01-01", "--until", "2025-12-31"])
        #expect(early.status == 2)
        #expect(early.stderr.contains("--until"))
    }

    @Test func impactOfTheNoticeDaysOnTheExampleRecords() throws {
        let run = try StatuteBinary.run(["impact", "--policy", Self.current, "--candidate-setting", "expiring_notice_days=30",
                                         "--records", Self.records, "--today", "2026-03-01", "--until", "2026-05-31", "--format", "json"])
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["records"] as? Int == 12)
        #expect(json["affected"] as? Int == 5)
        #expect(json["errors"] as? Int == 1)
        let summary = try #require(json["summary"] as? [String: Any])
        let effects = try #require(summary["effects"] as? [[String: Any]])
        #expect(effects.count == 1)
        #expect(effects.first?["effect"] as? String == "certification_expiring_email")
        #expect(effects.first?["old"] as? Int == 0 && effects.first?["new"] as? Int == 5)
        let differences = try #require(json["differences"] as? [[String: Any]])
        #expect(differences.map { $0["id"] as? String ?? "" } == ["E-2001", "E-2002", "E-2003", "E-2005", "E-2007"])
        #expect(differences.map { $0["diverges_on"] as? String ?? "" } == ["2026-03-16", "2026-05-01", "2026-03-01", "2026-05-01", "2026-05-02"])
        // The line in error is reported on stderr as `run` reports it.
        #expect(run.stderr.contains(#"{"id":"E-2010","line":10,"error":{"code":"unknown-fact""#))
    }

    @Test func aPolicyOnlyCandidateAndItsSettingsTogether() throws {
        let base = ["impact", "--policy", Self.current, "--candidate", Self.candidate, "--records", Self.records,
                    "--today", "2026-03-01", "--until", "2026-05-31", "--examples", "0"]
        // The candidate's new default (30) alone: the same five records as the setting.
        let policyOnly = try StatuteBinary.run(base)
        #expect(policyOnly.status == 1)
        #expect(policyOnly.stdout.contains("12 records read, 5 affected, 1 in error"))
        // With the setting held at 0, removing `cancel` and re-dating `complete` change none of these records.
        let both = try StatuteBinary.run(base + ["--candidate-setting", "expiring_notice_days=0"])
        #expect(both.stdout == """
            Impact of the candidate policy \(Self.candidate) with `expiring_notice_days=0` from 2026-03-01 to 2026-05-31:
              12 records read, 0 affected, 1 in error

            """)
        #expect(both.status == 1, "a line in error keeps the answer from being a clean no")
    }

    @Test func impactExitsZeroWhenNothingChanges() throws {
        let line = #"{"id": 1, "status": "active", "facts": {"completed_on": "2024-06-01", "program.expires_after_months": 0}}"# + "\n"
        let run = try StatuteBinary.run(["impact", "--policy", Self.current, "--candidate", Self.candidate,
                                         "--records", "-", "--today", "2026-03-01", "--until", "2026-12-31"], input: line)
        #expect(run.status == 0)
        #expect(run.stdout.contains("1 record read, 0 affected"))
    }

    @Test func impactCannotRunWithoutItsInputs() throws {
        let base = ["impact", "--policy", Self.current, "--today", "2026-03-01"]
        #expect(try StatuteBinary.run(base + ["--candidate-setting", "expiring_notice_days=30", "--records", "impact/none.jsonl"]).status == 2)
        #expect(try StatuteBinary.run(base + ["--candidate-setting", "notice=30", "--records", Self.records]).status == 2)
        #expect(try StatuteBinary.run(base + ["--candidate-setting", "expiring_notice_days=-1", "--records", Self.records]).status == 2)
        #expect(try StatuteBinary.run(base + ["--records", Self.records]).status == 2)
        #expect(try StatuteBinary.run(base + ["--candidate", "broken.yaml", "--records", Self.records]).status == 2)
    }

    @Test func replayListsTheDecisionsThatWouldDiffer() throws {
        let run = try StatuteBinary.run(["replay", "impact/decisions.jsonl", "--policy", Self.candidate, "--format", "json"])
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["decisions"] as? Int == 7)
        #expect(json["differ"] as? Int == 4)
        #expect(json["errors"] as? Int == 1)
        let differences = try #require(json["differences"] as? [[String: Any]])
        #expect(differences.map { $0["decision_id"] as? String ?? "" } == ["d-2", "d-3", "d-4", "d-5"])
        #expect(differences.map { $0["changed"] as? [String] ?? [] } ==
                [["status", "outcome", "steps", "effects"], ["status", "outcome", "steps"], ["options"], ["set", "next"]])
        #expect(run.stderr.contains(#""line":7,"error":{"code":"invalid-json""#))
    }

    /// A log written by `statute serve --decision-log` (evaluate, manual request, options,
    /// and a `run` of one good and one unreadable line), replayed.
    @Test func replayReadsARealServiceLog() throws {
        let same = try StatuteBinary.run(["replay", "impact/serve-decisions.jsonl", "--policy", Self.current])
        #expect(same.status == 0)
        #expect(same.stdout == "Replayed 5 decisions under \(Self.current): 0 would differ\n")
        let run = try StatuteBinary.run(["replay", "impact/serve-decisions.jsonl", "--policy", Self.candidate, "--format", "json"])
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["decisions"] as? Int == 5 && json["differ"] as? Int == 4 && json["errors"] as? Int == 0)
        let differences = try #require(json["differences"] as? [[String: Any]])
        #expect(differences.map { $0["changed"] as? [String] ?? [] } ==
                [["status", "outcome", "steps", "effects"], ["status", "outcome", "steps"], ["options"], ["set", "next"]])
    }

    @Test func replayUnderTheLoggedPolicyChangesNothing() throws {
        let log = try String(contentsOf: StatuteBinary.fixtures.appendingPathComponent("impact/decisions.jsonl"), encoding: .utf8)
        let good = log.split(separator: "\n").prefix(6).joined(separator: "\n") + "\n"
        let run = try StatuteBinary.run(["replay", "-", "--policy", Self.current], input: good)
        #expect(run.status == 0)
        #expect(run.stdout == "Replayed 6 decisions under \(Self.current): 0 would differ\n")
        #expect(try StatuteBinary.run(["replay", "impact/decisions.jsonl", "--policy", "impact/missing.yaml"]).status == 2)
    }
}

/// The README's "Changing a policy safely" walk-through shows real output.
@Suite("README change-impact walk-through")
struct CLIImpactReadmeTests {
    @Test func theWalkThroughOutputIsReal() throws {
        let readme = try String(contentsOf: StatuteBinary.fixtures.appendingPathComponent("../../../README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Changing a policy safely").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```\n").dropFirst().first)
        let shown = block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        let run = try StatuteBinary.run(["impact", "--policy", CLIImpactTests.current, "--candidate-setting", "expiring_notice_days=30",
                                         "--records", CLIImpactTests.records, "--today", "2026-03-01", "--until", "2026-05-31",
                                         "--examples", "1"])
        #expect(run.status == 1)
        let expected = shown.replacingOccurrences(of: "policies/certification.yaml", with: CLIImpactTests.current)
            .replacingOccurrences(of: "examples/records/enrollments.jsonl", with: CLIImpactTests.records)
        #expect(run.stderr + run.stdout == expected)
    }
}
