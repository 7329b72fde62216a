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
                #expect(!error.readable.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                        "control characters must not reach the text output raw: \(error.readable)")
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

    @Test func controlCharactersFromALineAreEscapedInText() throws {
        let plan = ImpactPlan(current: try Engine.certification(), candidate: try Engine.certification(),
                              today: day("2026-03-01"), until: day("2026-03-01"), policiesDiffer: false)
        let line = #"{"id": "a\u009b", "status": "active", "facts": {"\u001b[31mred": 1}}"#
        guard case .error(let error) = plan.assess(bytes: Array(line.utf8), line: 1) else { Issue.record("not an error"); return }
        #expect(error.readable == #"error: line 1 (record "a\u009b"): unknown fact `\u001B[31mred` [unknown-fact]"#)
        #expect(error.json.rendered().contains(#""id":"a\u009b""#))
    }

    @Test func aRunLineTheServiceCouldNotReadStaysAsLogged() {
        let line = #"{"decision_id": "r", "today": "2026-03-01", "settings": {}, "input": null, "result": {"id": null, "line": 1, "error": {"code": "invalid-json", "message": "column 2: …"}}}"#
        guard case .replayed(let decision) = DecisionReplay(policy: Policies.certification).replay(bytes: Array(line.utf8), line: 1) else {
            Issue.record("not replayed")
            return
        }
        #expect(!decision.differs)
    }

    @Test func aRunLineWithoutAnIDIsReadAsARunLine() {
        // `today` is not a key of a run line: the logged error stands.
        let line = #"{"decision_id": "s", "today": "2026-03-01", "settings": {}, "input": {"status": "active", "today": "2026-01-01"}, "result": {"id": null, "line": 1, "error": {"code": "unknown-key", "message": "unknown key `today`"}}}"#
        guard case .replayed(let decision) = DecisionReplay(policy: Policies.certification).replay(bytes: Array(line.utf8), line: 1) else {
            Issue.record("not replayed")
            return
        }
        #expect(decision.new["error"]?["code"] == .string("unknown-key"))
        #expect(!decision.differs)
    }

    @Test func aLogLineWithoutItsPartsIsAnError() {
        let replay = DecisionReplay(policy: Policies.certification)
        for line in [#"{"decision_id": "a"}"#, #"{"today": "2026-13-01", "input": {}, "result": {}}"#,
                     #"{"today": "2026-03-01", "result": {"status": "active"}}"#, #"{"today": "2026-03-01", "input": {}}"#, "[]"] {
            guard case .error(let error) = replay.replay(bytes: Array(line.utf8), line: 3) else {
                Issue.record("not an error: \(line)")
                continue
            }
            #expect(error.code == "invalid-input" && error.line == 3)
        }
    }
}
