// TEMPORARY: a stand-in for main's `DecisionInput` (same signature) until it lands;
// deleted when main is merged. Reads through YAMLReader, so it is not strict RFC 8259.
import Statute
import StatuteYAML

enum DecisionInputShape: Sendable { case runLine, evaluate, options }

struct DecisionInputError: Error, Sendable {
    var id: JSONValue
    var code: String
    var message: String
}

struct DecisionInput: Sendable {
    var id: JSONValue = .null
    var record: Record
    var request: Request
    var role: String?
    var today: CalendarDate?
    var settings: [String: Value]
    var explain: Bool

    static func read(json bytes: [UInt8], shape: DecisionInputShape,
                     policy: CompiledPolicy) -> Result<DecisionInput, DecisionInputError> {
        func fail(_ code: String, _ message: String) -> Result<DecisionInput, DecisionInputError> {
            .failure(DecisionInputError(id: .null, code: code, message: message))
        }
        let read = YAMLReader.read(bytes: bytes, file: "request")
        if let first = read.diagnostics.first(where: \.isError) { return fail("invalid-json", first.message) }
        guard let root = read.root, let entries = root.mapping else { return fail("invalid-input", "a request must be a JSON object") }
        let keys = shape == .options ? ["status", "facts", "as", "today", "settings"]
            : ["status", "facts", "event", "set", "as", "transition", "today", "settings", "explain"]
        for entry in entries where !keys.contains(entry.key.scalar?.value ?? "") {
            return fail("unknown-key", "unknown key `\(entry.key.scalar?.value ?? "")` in the request")
        }
        func text(_ key: String) -> String? { root[key]?.scalar.flatMap { $0.isNull ? nil : $0.value } }
        var facts: [String: Value] = [:]
        if let node = root["facts"] {
            let reading = InputValues.values(in: node, declarations: policy.facts, kind: .fact, what: "`facts`")
            if let first = reading.diagnostics.first { return fail(first.code.rawValue, first.message) }
            facts = reading.values
        }
        var settings: [String: Value] = [:]
        if let node = root["settings"] {
            let reading = InputValues.values(in: node, declarations: policy.settings, kind: .setting, what: "`settings`")
            if let first = reading.diagnostics.first { return fail(first.code.rawValue, first.message) }
            settings = reading.values
        }
        var today: CalendarDate?
        if let given = text("today") {
            guard let date = CalendarDate(iso: given) else { return fail("invalid-date", "`today` must be YYYY-MM-DD") }
            today = date
        }
        var request = Request.evaluate
        if shape == .evaluate {
            if let event = text("event") { request = .event(event) }
            if let target = text("set") {
                guard let role = text("as") else { return fail("invalid-input", "`set` needs `as`") }
                request = .manual(status: target, role: role, transition: text("transition"))
            }
        } else if text("as") == nil {
            return fail("invalid-input", "an options request needs `as`")
        }
        return .success(DecisionInput(record: Record(status: text("status"), facts: facts), request: request,
                                      role: text("as"), today: today, settings: settings,
                                      explain: root["explain"]?.scalar?.boolValue ?? false))
    }
}
