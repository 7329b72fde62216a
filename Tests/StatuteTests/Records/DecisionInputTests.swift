import Testing
@testable import Statute

@Suite("Decision input")
struct DecisionInputTests {
    static let policy = RecordsTests.policy

    static func read(_ text: String, _ shape: DecisionInputShape) throws -> Result<DecisionInput, DecisionError> {
        DecisionInput.read(json: Array(text.utf8), shape: shape, policy: try #require(policy))
    }

    @Test func aRunLineWithNestedAndDottedFactsAndAnEvent() throws {
        let input = try Self.read(#"{"id": 42, "status": "open", "facts": {"program": {"months": 12}, "completed_on": "2026-01-31", "score": 3}, "event": "finish"}"#, .runLine).get()
        #expect(input.id == .int(42))
        #expect(input.record.status == "open")
        #expect(input.record.facts == ["program.months": .int(12), "completed_on": .date(CalendarDate(iso: "2026-01-31")!), "score": .int(3)])
        #expect(input.request == .event("finish"))
    }

    @Test func aManualRequestOnARunLine() throws {
        let input = try Self.read(#"{"id": "a", "status": "open", "facts": {"score": 1}, "set": "done", "as": "staff", "transition": "close"}"#, .runLine).get()
        #expect(input.request == .manual(status: "done", role: "staff", transition: "close"))
        #expect(input.role == "staff")
    }

    @Test func anEvaluateBodyWithTodaySettingsAndExplain() throws {
        let input = try Self.read(#"{"status": null, "facts": {"score": 1}, "today": "2026-02-28", "settings": {"notice_days": 30}, "explain": true}"#, .evaluate).get()
        #expect(input.record.status == nil)
        #expect(input.today == CalendarDate(iso: "2026-02-28"))
        #expect(input.settings == ["notice_days": .int(30)])
        #expect(input.explain)
        #expect(input.request == .evaluate)
    }

    @Test func anOptionsBodyNeedsItsRole() throws {
        let input = try Self.read(#"{"status": "open", "facts": {"score": 1}, "as": "staff"}"#, .options).get()
        #expect(input.role == "staff")
        guard case .failure(let error) = try Self.read(#"{"status": "open"}"#, .options) else { Issue.record("accepted"); return }
        #expect(error.code == "missing-key")
    }

    @Test(arguments: [
        (#"{"id": 1, "evnt": "finish"}"#, DecisionInputShape.runLine, "unknown-key", "did you mean `event`?"),
        (#"{"id": 1, "today": "2026-01-01"}"#, .runLine, "unknown-key", "unknown key `today` in record 1"),
        (#"{"id": 1, "explain": true}"#, .options, "unknown-key", "unknown key `id` in the request"),
        (#"{"id": [1]}"#, .runLine, "wrong-type", "`id` must be a string or an integer, found a list"),
        (#"{"id": "x", "status": 3}"#, .runLine, "wrong-type", "`status` of record \"x\" must be a string, found an integer"),
        (#"{"facts": [1]}"#, .evaluate, "wrong-type", "`facts` of the request must be an object"),
        (#"{"facts": {"scor": 1}}"#, .evaluate, "unknown-fact", "unknown fact `scor` (did you mean `score`?)"),
        (#"{"facts": {"score": "3"}}"#, .evaluate, "wrong-type", "found the string \"3\" (write 3 without quotes)"),
        (#"{"facts": {"score": null}}"#, .evaluate, "wrong-type", "`score` cannot be null"),
        (#"{"facts": {"completed_on": "2026-02-30"}}"#, .evaluate, "invalid-date", "not a real calendar date"),
        (#"{"facts": {"completed_on": 20260101}}"#, .evaluate, "wrong-type", "must be a date"),
        (#"{"facts": {"level": "platinum"}}"#, .evaluate, "invalid-value", "platinum"),
        (#"{"facts": {"program.months": 1, "program": {"months": 2}}}"#, .evaluate, "duplicate-value", "given twice"),
        (#"{"settings": {"notice_days": -1}}"#, .evaluate, "invalid-value", "notice_days"),
        (#"{"settings": {"notice_day": 1}}"#, .evaluate, "unknown-setting", "did you mean `notice_days`?"),
        (#"{"today": "tomorrow"}"#, .evaluate, "invalid-date", "`today` must be a date"),
        (#"{"explain": "yes"}"#, .evaluate, "wrong-type", "`explain` must be `true` or `false`"),
        (#"{"event": "finish", "set": "done", "as": "staff"}"#, .evaluate, "invalid-input", "both `event` and `set`"),
        (#"{"set": "done"}"#, .evaluate, "invalid-input", "`set` needs `as`"),
        (#"{"as": "staff"}"#, .evaluate, "invalid-input", "`as` goes with `set`"),
        (#"{"transition": "finish"}"#, .evaluate, "invalid-input", "`transition` goes with `set`"),
        (#"[]"#, .evaluate, "invalid-input", "a request must be a JSON object, found a list"),
        (#"{"facts": {"score": 1.5}}"#, .evaluate, "invalid-number", "`1.5` is not an integer"),
    ] as [(String, DecisionInputShape, String, String)])
    func everyProblemHasACodeAndAReadableMessage(text: String, shape: DecisionInputShape, code: String, message: String) throws {
        guard case .failure(let error) = try Self.read(text, shape) else { Issue.record("`\(text)` accepted"); return }
        #expect(error.code == code, "\(text): \(error.message)")
        #expect(error.message.contains(message), "\(text): \(error.message)")
    }

    @Test func aSyntaxErrorStillNamesTheRecordWhenItsIdWasRead() throws {
        guard case .failure(let error) = try Self.read(#"{"id": "r7", "facts": {score: 1}}"#, .runLine) else { Issue.record("accepted"); return }
        #expect(error.id == .string("r7"))
        #expect(error.code == "invalid-json")
        #expect(error.message == "column 24: expected a key in double quotes, found `score`")
    }
}
