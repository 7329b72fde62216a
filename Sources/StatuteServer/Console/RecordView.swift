import Statute
import StatuteLedger

/// What the record page shows (docs/console.md): plain values, escaped by the template.
struct RecordView {
    struct Fact { var name: String; var value: String }
    struct Row {
        var seq: Int
        var at: String
        var today: String
        var from: String
        var to: String
        var transition: String
        var trigger: String
        var actor: String
        /// The role of a request by hand; `nil` (not shown) otherwise.
        var role: String?
        var reason: String
        var effects: String
    }
    struct Effect { var effect: String; var transition: String; var today: String; var attempts: Int; var lastError: String?; var key: String }
    struct Choice { var transition: String; var text: String; var id: String }

    var policy: String
    var policyTitle: String
    var id: String
    /// The id as one percent-encoded path segment, for the form's action.
    var idPath: String
    var statusLabel: String
    var statusID: String?
    var version: Int
    var nextDue: String
    var facts: [Fact]
    var hasFacts: Bool
    /// "Why": the explanation now, `eval --explain`'s words; or why the record cannot be evaluated.
    var why: AnswerView?
    var whyError: String?
    var history: [Row]
    var hasHistory: Bool
    var effects: [Effect]
    var hasEffects: Bool
    /// The signed-in person, when they signed in with their own token.
    var personName: String?
    var personRole: String?
    /// The manual changes their role may request now.
    var choices: [Choice]
    var hasChoices: Bool
    var formKey: String
    /// A word after a change, or why it was not made.
    var notice: String?
    var problem: String?
    var reason: String
}

/// Builds a ``RecordView`` from a stored record and the serving version of its policy.
enum RecordViewBuilder {
    static func view(record: StoredRecord, history: [HistoryEntry], pending: [OutboxEntry], version: PolicyVersion,
                     name: String, today: CalendarDate, person: Person?, formKey: String?) -> RecordView {
        let policy = version.policy
        let text = ResultText(policy: policy)
        let factsJSON = (try? JSONReader.parse(Array(record.facts.utf8)).get()) ?? .object([])
        var facts: [RecordView.Fact] = []
        if case .object(let members) = factsJSON {
            facts = members.map { RecordView.Fact(name: $0.0, value: $0.1.rendered()) }
        }
        var why: AnswerView?
        var whyError: String?
        var choices: [RecordView.Choice] = []
        switch DecisionInput.read(.object([("status", .text(record.status)), ("facts", factsJSON)]), shape: .runLine, policy: policy) {
        case .failure(let error):
            whyError = error.message
        case .success(let input):
            let question = DecisionForm.Question(record: input.record, request: .evaluate, role: person?.role, today: today, settings: [:])
            switch DecisionAnswer.answer(question, version: version, file: "") {
            case .success(let answer):
                why = answer
                if person != nil {
                    choices = answer.options.filter(\.allowed).map { option in
                        RecordView.Choice(transition: option.transition, text: "\(option.target) — \(option.transition)",
                                          id: "t-" + String(option.transition.map { $0.isLetter || $0.isNumber ? $0 : "-" }))
                    }
                }
            case .failure(let diagnostic):
                whyError = diagnostic.message
            }
        }
        let rows = history.reversed().map { entry in
            RecordView.Row(seq: entry.seq, at: entry.at, today: entry.today.description, from: text.name(entry.from),
                           to: text.name(entry.to), transition: entry.transition, trigger: trigger(entry.trigger),
                           actor: entry.actor, role: entry.role, reason: entry.reason ?? "",
                           effects: entry.effects.joined(separator: ", "))
        }
        let effects = pending.map { entry in
            RecordView.Effect(effect: entry.effect, transition: entry.transition, today: entry.today.description,
                              attempts: entry.attempts, lastError: entry.lastError, key: String(entry.key.prefix(12)))
        }
        return RecordView(
            policy: name, policyTitle: policy.title ?? name, id: record.id, idPath: RecordPath.encode(record.id),
            statusLabel: record.status.flatMap { policy.status($0)?.label } ?? (record.status ?? "No status"),
            statusID: record.status, version: record.version, nextDue: record.nextDue?.description ?? "nothing scheduled",
            facts: facts, hasFacts: !facts.isEmpty, why: why, whyError: whyError,
            history: rows, hasHistory: !rows.isEmpty, effects: effects, hasEffects: !effects.isEmpty,
            personName: person?.name, personRole: person?.role, choices: choices, hasChoices: !choices.isEmpty,
            formKey: formKey ?? "", notice: nil, problem: nil, reason: "")
    }

    /// A history entry's trigger in words.
    static func trigger(_ json: String) -> String {
        switch try? JSONReader.parse(Array(json.utf8)).get() {
        case .object(let members)?:
            switch members.first {
            case ("event", .string(let name))?: return "event \(name)"
            case ("when", _)?: return "condition"
            case ("at", .string(let date))?: return "date \(date)"
            case ("manual", _)?: return "request"
            default: return json
            }
        default: return json
        }
    }
}

extension LedgerStore {
    /// The pending outbox entries of one record, oldest first, looked up by the keys its
    /// history's effects were written under.
    func pendingEffects(policy: String, record: String, history: [HistoryEntry]) async throws -> [OutboxEntry] {
        let keys = history.flatMap { entry in
            entry.effects.indices.map { LedgerPolicy.outboxKey(policy: policy, record: record, seq: entry.seq, index: $0) }
        }
        return try await outbox(keys: keys).filter { $0.state == .pending }
    }
}
