import Testing
@testable import Statute

@Suite("Input records")
struct RecordsTests {
    static let policyText = """
        statute: 1
        name: small
        roles:
          staff: {}
        settings:
          notice_days: {type: int, default: 0, min: 0}
        facts:
          program.require_approval: {type: bool, default: false}
          program.months: int?
          completed_on: date?
          score: int
          level: {type: string, default: basic, values: [basic, gold]}
        statuses:
          open: {label: Open}
          done: {label: Done, final: true}
        events:
          finish: {}
        transitions:
          - id: start
            from: start
            to: open
            mode: automatic
            when: "true"
          - id: finish
            from: open
            to: done
            mode: automatic
            on: finish
            guard: score > 2
        """

    static let policy: CompiledPolicy? = PolicyLoader.load(text: policyText, file: "small.yaml").policy

    static func read(_ text: String) -> InputValues.Reading {
        InputValues.read(bytes: Array(text.utf8), file: "facts.json", declarations: policy?.facts ?? [], kind: .fact)
    }

    @Test func nestedAndDottedKeysAreTheSame() throws {
        let nested = Self.read(#"{"program": {"require_approval": true, "months": null}, "score": 3}"#)
        let dotted = Self.read(#"{"program.require_approval": true, "program.months": null, "score": 3}"#)
        #expect(nested.diagnostics.isEmpty)
        #expect(nested.values == ["program.require_approval": .bool(true), "program.months": .null, "score": .int(3)])
        #expect(dotted.values == nested.values)
        let yaml = Self.read("program:\n  require_approval: true\ncompleted_on: 2026-03-01\n")
        #expect(yaml.values == ["program.require_approval": .bool(true),
                                "completed_on": .date(CalendarDate(year: 2026, month: 3, day: 1)!)])
    }

    @Test func errorsNameTheFactAndPointAtIt() throws {
        let reading = Self.read(#"{"scores": 1, "completed_on": "2026-02-30", "program": {"require_approval": "yes"}, "level": "silver"}"#)
        let codes = reading.diagnostics.map(\.code.rawValue)
        #expect(codes == ["unknown-fact", "invalid-date", "wrong-type", "invalid-value"])
        let unknown = try #require(reading.diagnostics.first)
        #expect(unknown.message == "unknown fact `scores`")
        #expect(unknown.help == "did you mean `score`?")
        #expect(unknown.span?.description == "facts.json:1:2")
        #expect(reading.diagnostics[1].message.contains("`completed_on`"))
        #expect(reading.diagnostics[2].message.contains("`program.require_approval`"))
    }

    @Test func duplicateAndNonMapping() {
        #expect(Self.read(#"{"program": {"months": 1}, "program.months": 2}"#).diagnostics.map(\.code) == [.duplicateValue])
        #expect(Self.read("[1, 2]").diagnostics.map(\.code) == [.wrongType])
        #expect(Self.read("null").diagnostics.isEmpty)
        #expect(Self.read("{").diagnostics.hasErrors)
    }

    @Test func commandLineAssignments() throws {
        let facts = Self.policy?.facts ?? []
        let ok = InputValues.assignment("program.months=null", declarations: facts, kind: .fact)
        #expect(try ok.get().value == .null)
        let cases: [(String, DiagnosticCode)] = [("score=x", .wrongType), ("scor=1", .unknownFact), ("score", .invalidAssignment),
                                                 ("completed_on=2026-02-30", .invalidDate), ("score=null", .wrongType),
                                                 ("level=silver", .invalidValue)]
        for (argument, code) in cases {
            guard case .failure(let diagnostic) = InputValues.assignment(argument, declarations: facts, kind: .fact) else {
                Issue.record("`\(argument)` was accepted")
                continue
            }
            #expect(diagnostic.code == code, "\(argument)")
        }
        let gathered = InputValues.gather(file: nil, arguments: ["score=1", "score=2"], declarations: facts, kind: .fact)
        #expect(gathered.diagnostics.map(\.code) == [.duplicateValue])
    }

    @Test func lineSplitter() {
        var splitter = LineSplitter(maxLineBytes: 4)
        var lines: [LineSplitter.Line] = []
        splitter.feed(Array("ab\r\n\n123456\nxy".utf8)) { lines.append($0) }
        splitter.finish { lines.append($0) }
        #expect(lines == [.text(Array("ab".utf8), number: 1), .text([], number: 2), .tooLong(number: 3, bytes: 6),
                          .text(Array("xy".utf8), number: 4)])
    }

    @Test func recordLinesKeepOrderAndTurnBadLinesIntoErrors() throws {
        let policy = try #require(Self.policy)
        let engine = try Engine(policy: policy)
        let records = RecordLines(engine: engine, today: CalendarDate(year: 2026, month: 3, day: 1)!)
        let inputs = [
            #"{"id": "a", "status": "open", "facts": {"score": 3}, "event": "finish"}"#,
            #"{"id": 7, "status": "open", "facts": {"score": "x"}}"#,
            #"not json {"#,
            #"[1]"#,
            #"{"id": "d", "status": "open", "facts": {"score": 1}, "evnt": "finish"}"#,
            #"{"id": "e", "facts": {"score": 1}}"#,
            #"{"id": "f", "status": "open"}"#,
            String(repeating: "[", count: 500),
            "{\"id\": \"\u{FF}\"}",
        ]
        let outputs = inputs.enumerated().map { records.evaluate(bytes: Array($1.utf8), line: $0 + 1) }
        #expect(outputs.map(\.line) == Array(1...inputs.count))
        #expect(outputs[0].json.rendered() == """
            {"id":"a","status":"done","previous":"open","outcome":"changed","steps":[{"transition":"finish","from":"open","to":"done","mode":"automatic","trigger":"event"}],"effects":[],"set":{},"next":null}
            """)
        #expect(outputs[1].json.rendered().hasPrefix(#"{"id":7,"line":2,"error":{"code":"wrong-type","message":"#))
        #expect(outputs[1].json.rendered().contains("`score`"))
        #expect(outputs[2].kind == .error)
        #expect(outputs[3].json.rendered().hasPrefix(#"{"id":null,"line":4,"error":{"code":"invalid-input""#))
        #expect(outputs[4].json.rendered().contains("did you mean `event`?"))
        #expect(outputs[5].kind == .evaluated(.changed))
        #expect(outputs[6].json.rendered().contains(#""code":"missing-fact""#))
        #expect(outputs[7].kind == .error)
        let invalid = records.evaluate(bytes: [0x7B, 0xFF, 0xFE, 0x7D], line: 10)
        #expect(invalid.kind == .error)
        var summary = RunSummary()
        outputs.forEach { summary.count($0.kind) }
        #expect(summary.description == "9 records: 2 changed, 0 unchanged, 0 ignored, 7 errors")
    }

    @Test func anErrorLineKeepsTheIdWhenItCanBeRead() throws {
        let engine = try Engine(policy: try #require(Self.policy))
        let records = RecordLines(engine: engine, today: CalendarDate(year: 2026, month: 3, day: 1)!)
        let duplicate = records.evaluate(bytes: Array(#"{"id": "f", "status": "open", "status": "done"}"#.utf8), line: 3)
        #expect(duplicate.json.rendered().hasPrefix(#"{"id":"f","line":3,"error":{"code":"duplicate-key""#))
        let huge = records.evaluate(bytes: Array(#"{"id": 9, "status": "open", "facts": {"score": 99999999999999999999}}"#.utf8),
                                    line: 4)
        #expect(huge.json.rendered().contains("an integer too large for 64 bits"))
    }

    @Test func jsonSurrogatePairsAreReadAsOneCharacter() throws {
        let engine = try Engine(policy: try #require(Self.policy))
        let records = RecordLines(engine: engine, today: CalendarDate(year: 2026, month: 3, day: 1)!)
        let output = records.evaluate(bytes: Array(#"{"id": "\ud83d\ude00 \\ud83d", "status": "open"}"#.utf8), line: 1)
        #expect(output.json.rendered().hasPrefix(#"{"id":"😀 \\ud83d","#))
        #expect(JSONSurrogates.combiningPairs(Array(#""\uD83D""#.utf8)) == Array(#""\uD83D""#.utf8))
    }
}
