import Testing
import StatuteTestSupport
@testable import Statute

/// `impact` and `replay` lines of any content are answered — played, replayed or an
/// error line — never a crash or a hang.
@Suite("Impact and replay with hostile lines")
struct ImpactHostileInputTests {
    static let fragments: [String] = [
        "{", "}", "[", "]", "\"id\"", ":", ",", "\"status\"", "\"active\"", "\"facts\"", "{\"completed_on\":\"2025-02-29\"}",
        "\"event\"", "\"apply\"", "\"set\"", "\"as\"", "\"staff\"", "null", "true", "1e400", "-0", "99999999999999999999",
        "\"\\ud800\"", "\u{1B}[31m", "\"today\"", "\"2026-03-01\"", "\"input\"", "\"result\"", "\"settings\"", "\"options\"",
        "{\"expiring_notice_days\":-1}", "\"decision_id\"", " ", "\t", "\u{0}",
    ]

    static func lines(seed: UInt64, count: Int) -> [[UInt8]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...24, using: &random)
            return Array((0..<length).map { _ in fragments.randomElement(using: &random)! }.joined().utf8)
        }
    }

    @Test func impactAnswersEveryLine() throws {
        let current = try Engine.certification()
        let plan = ImpactPlan(current: current, candidate: try Engine.certification(settings: ["expiring_notice_days": .int(30)]),
                              today: day("2026-03-01"), until: day("2027-03-01"), policiesDiffer: false)
        var summary = ImpactSummary()
        for (index, bytes) in Self.lines(seed: 42, count: 2_000).enumerated() {
            let impact = plan.assess(bytes: bytes, line: index + 1)
            if case .error(let error) = impact {
                #expect(error.line == index + 1)
                #expect(!error.message.contains("\u{1B}"), "control characters must not reach messages raw")
            }
            summary.add(impact)
        }
        #expect(summary.records == 2_000)
        #expect(summary.errors > 0)
    }

    @Test func replayAnswersEveryLine() {
        let replay = DecisionReplay(policy: Policies.certification)
        var summary = ReplaySummary()
        for (index, bytes) in Self.lines(seed: 7, count: 2_000).enumerated() {
            summary.add(replay.replay(bytes: bytes, line: index + 1))
        }
        #expect(summary.decisions == 2_000)
    }

    @Test func aLogLineWithoutItsPartsIsAnError() {
        let replay = DecisionReplay(policy: Policies.certification)
        for line in [#"{"decision_id": "a"}"#, #"{"today": "2026-13-01", "input": {}, "result": {}}"#,
                     #"{"today": "2026-03-01", "input": [], "result": {}}"#, #"{"today": "2026-03-01", "input": {}}"#, "[]"] {
            guard case .error(let error) = replay.replay(bytes: Array(line.utf8), line: 3) else {
                Issue.record("not an error: \(line)")
                continue
            }
            #expect(error.code == "invalid-input" && error.line == 3)
        }
    }
}
