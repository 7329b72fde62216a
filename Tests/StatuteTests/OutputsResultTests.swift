import Testing
@testable import Statute
@testable import StatuteCore

@Suite("Result rendering")
struct OutputsResultTests {
    static let date = CalendarDate(year: 2026, month: 3, day: 1)!

    static let changed = EvaluationResult(
        status: "active", previous: nil, outcome: .changed,
        steps: [Step(transition: "enrol", from: nil, to: "in_progress", mode: .manual, trigger: .manual),
                Step(transition: "complete", from: "in_progress", to: "active", mode: .automatic, trigger: .when)],
        effects: ["issue_certificate"],
        assignments: [Assignment(fact: "completed_on", value: .date(date)), Assignment(fact: "note", value: .null)],
        next: ScheduledChange(transition: "expire", to: "expired", date: CalendarDate(year: 2027, month: 3, day: 1)!))

    @Test func changedResultJSON() {
        #expect(ResultJSON.json(Self.changed).rendered() == """
            {"status":"active","previous":null,"outcome":"changed","steps":[\
            {"transition":"enrol","from":null,"to":"in_progress","mode":"manual","trigger":"manual"},\
            {"transition":"complete","from":"in_progress","to":"active","mode":"automatic","trigger":"when"}],\
            "effects":["issue_certificate"],"set":{"completed_on":"2026-03-01","note":null},\
            "next":{"transition":"expire","to":"expired","date":"2027-03-01"}}
            """)
    }

    @Test func rejectedCarriesReasonAndExplainComesLast() {
        let consideration = Consideration(transition: "approve", phase: .manual, status: "applied", verdict: .guardUnknown,
                                          date: nil, values: [NamedValue(name: "x", value: .null), NamedValue(name: "n", value: .int(2))],
                                          nullNames: ["x"], message: "not taken")
        let result = EvaluationResult(status: "applied", previous: "applied", outcome: .rejected, reason: "no",
                                      explanation: Explanation(considerations: [consideration]))
        #expect(ResultJSON.json(result).rendered() == """
            {"status":"applied","previous":"applied","outcome":"rejected","steps":[],"effects":[],"set":{},"next":null,\
            "reason":"no","explain":[{"transition":"approve","phase":"manual","status":"applied","verdict":"guard-unknown",\
            "values":{"x":null,"n":2},"null":["x"],"message":"not taken"}]}
            """)
    }

    @Test func unchangedHasNoReason() {
        let result = EvaluationResult(status: "active", previous: "active", outcome: .unchanged, reason: "ignored?")
        #expect(!ResultJSON.json(result).rendered().contains("reason"))
    }

    @Test func prettyJSON() {
        let value = JSONValue.object([("a", .array([.int(1), .string("é\n\u{1}")])), ("b", .object([])), ("c", .array([]))])
        #expect(value.rendered(pretty: true) == "{\n  \"a\": [\n    1,\n    \"é\\n\\u0001\"\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }

    @Test func manualOptionsJSON() {
        let options = [ManualOption(transition: "cancel", to: "cancelled", label: "Cancelled", allowed: true, reason: nil, rejection: nil, values: []),
                       ManualOption(transition: "approve", to: "active", label: "Active", allowed: false, reason: "guard false",
                                    rejection: .guardFalse, values: [])]
        #expect(ResultJSON.json(options).rendered() == """
            [{"transition":"cancel","to":"cancelled","label":"Cancelled","allowed":true},\
            {"transition":"approve","to":"active","label":"Active","allowed":false,"reason":"guard false"}]
            """)
        #expect(ResultText().render(options, role: "staff") == """
            Manual transitions for `staff`:
              allowed      Cancelled (cancelled) via cancel
              not allowed  Active (active) via approve: guard false

            """)
    }

    @Test func text() {
        #expect(ResultText().render(Self.changed) == """
            Changed: no status (new record) → active
            Steps:
              1. enrol: no status (new record) → in_progress (manual)
              2. complete: in_progress → active (automatic, on condition)
            Effects: issue_certificate
            Set:
              completed_on = 2026-03-01
              note = null
            Next change: expired on 2027-03-01 (transition expire)

            """)
    }

    @Test func explanationText() {
        let considerations = [
            Consideration(transition: "a", phase: .settle, status: "x", verdict: .wrongStatus, message: "a does not apply"),
            Consideration(transition: "b", phase: .settle, status: "x", verdict: .guardFalse,
                          values: [NamedValue(name: "n", value: .int(1)), NamedValue(name: "s", value: .string("t"))],
                          message: "b was not taken"),
            Consideration(transition: "c", phase: .event, status: "x", verdict: .taken, message: "c was taken"),
        ]
        #expect(ResultText().explain(Explanation(considerations: considerations)) == [
            "Explanation:",
            "  The event:",
            "    ✓ c was taken",
            "  Automatic changes (when and at):",
            "    · b was not taken",
            "      values: n = 1, s = \"t\"",
            "    · not applicable from x: a",
        ])
    }
}
