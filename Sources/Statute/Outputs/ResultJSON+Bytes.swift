import StatuteCore

extension ResultJSON {
    /// Appends the result object, without an explanation, straight to `output` as UTF-8:
    /// the same bytes as `JSONValue.object(prefix + members(result)).write(to:)` without
    /// building the tree (`run` writes 200,000 of them). `id` is written first when given.
    ///
    /// A result that carries an explanation goes the tree's way, which writes it.
    public static func write(_ result: EvaluationResult, id: JSONValue?, to output: inout [UInt8]) {
        if result.explanation != nil {
            let members = (id.map { [("id", $0)] } ?? []) + members(result)
            JSONValue.object(members).write(to: &output)
            return
        }
        output.append(UInt8(ascii: "{"))
        if let id {
            output.append(contentsOf: #""id":"#.utf8)
            id.write(to: &output)
            output.append(UInt8(ascii: ","))
        }
        output.append(contentsOf: #""status":"#.utf8)
        writeText(result.status, to: &output)
        output.append(contentsOf: #","previous":"#.utf8)
        writeText(result.previous, to: &output)
        output.append(contentsOf: #","outcome":""#.utf8)
        output.append(contentsOf: result.outcome.rawValue.utf8)
        output.append(contentsOf: #"","steps":["#.utf8)
        for (index, step) in result.steps.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: #"{"transition":"#.utf8)
            JSONValue.writeString(step.transition, to: &output)
            output.append(contentsOf: #","from":"#.utf8)
            writeText(step.from, to: &output)
            output.append(contentsOf: #","to":"#.utf8)
            JSONValue.writeString(step.to, to: &output)
            output.append(contentsOf: #","mode":"#.utf8)
            JSONValue.writeString(step.mode.rawValue, to: &output)
            output.append(contentsOf: #","trigger":"#.utf8)
            JSONValue.writeString(step.trigger.rawValue, to: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(contentsOf: #"],"effects":["#.utf8)
        for (index, effect) in result.effects.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.writeString(effect, to: &output)
        }
        output.append(contentsOf: #"],"set":{"#.utf8)
        for (index, assignment) in result.assignments.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.writeString(assignment.fact, to: &output)
            output.append(UInt8(ascii: ":"))
            if case .date(let date) = assignment.value {
                DateBytes.writeQuoted(date, to: &output)
            } else {
                JSONValue(assignment.value).write(to: &output)
            }
        }
        output.append(contentsOf: #"},"next":"#.utf8)
        if let next = result.next {
            output.append(contentsOf: #"{"transition":"#.utf8)
            JSONValue.writeString(next.transition, to: &output)
            output.append(contentsOf: #","to":"#.utf8)
            JSONValue.writeString(next.to, to: &output)
            output.append(contentsOf: #","date":"#.utf8)
            DateBytes.writeQuoted(next.date, to: &output)
            output.append(UInt8(ascii: "}"))
        } else {
            output.append(contentsOf: "null".utf8)
        }
        if result.outcome == .rejected || result.outcome == .ignored {
            output.append(contentsOf: #","reason":"#.utf8)
            writeText(result.reason, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    private static func writeText(_ text: String?, to output: inout [UInt8]) {
        if let text { JSONValue.writeString(text, to: &output) } else { output.append(contentsOf: "null".utf8) }
    }
}
