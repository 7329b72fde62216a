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
            output.append(literal: #""id":"#)
            id.write(to: &output)
            output.append(UInt8(ascii: ","))
        }
        output.append(literal: #""status":"#)
        writeText(result.status, to: &output)
        output.append(literal: #","previous":"#)
        writeText(result.previous, to: &output)
        output.append(literal: #","outcome":""#)
        output.append(contentsOf: result.outcome.rawValue.utf8)
        output.append(literal: #"","steps":["#)
        for (index, step) in result.steps.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(literal: #"{"transition":"#)
            JSONValue.writeString(step.transition, to: &output)
            output.append(literal: #","from":"#)
            writeText(step.from, to: &output)
            output.append(literal: #","to":"#)
            JSONValue.writeString(step.to, to: &output)
            output.append(literal: #","mode":"#)
            JSONValue.writeString(step.mode.rawValue, to: &output)
            output.append(literal: #","trigger":"#)
            JSONValue.writeString(step.trigger.rawValue, to: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(literal: #"],"effects":["#)
        for (index, effect) in result.effects.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.writeString(effect, to: &output)
        }
        output.append(literal: #"],"set":{"#)
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
        output.append(literal: #"},"next":"#)
        if let next = result.next {
            output.append(literal: #"{"transition":"#)
            JSONValue.writeString(next.transition, to: &output)
            output.append(literal: #","to":"#)
            JSONValue.writeString(next.to, to: &output)
            output.append(literal: #","date":"#)
            DateBytes.writeQuoted(next.date, to: &output)
            output.append(UInt8(ascii: "}"))
        } else {
            output.append(literal: "null")
        }
        if result.outcome == .rejected || result.outcome == .ignored {
            output.append(literal: #","reason":"#)
            writeText(result.reason, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    private static func writeText(_ text: String?, to output: inout [UInt8]) {
        if let text { JSONValue.writeString(text, to: &output) } else { output.append(literal: "null") }
    }
}
