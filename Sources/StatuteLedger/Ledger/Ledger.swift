public import Foundation
public import Statute

/// The ledger (docs/ledger.md): a policy applied to the records of a store — imports,
/// requests, the sweep — with a history entry per step and an outbox entry per effect.
///
/// It reads no clock of its own: `now` gives the wall-clock time written on history
/// entries and used for delivery leases.
public struct Ledger: Sendable {
    /// Where the records are.
    public let store: any LedgerStore
    /// The policy and settings applied.
    public let policy: LedgerPolicy
    /// The wall-clock time.
    public let now: @Sendable () -> Date

    /// Creates a ledger.
    public init(store: any LedgerStore, policy: LedgerPolicy, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.policy = policy
        self.now = now
    }

    /// `now` as RFC 3339 in UTC, to the second.
    func timestamp() -> String {
        Self.rfc3339(now())
    }

    static func rfc3339(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let day = CalendarDate(daysSinceEpoch: days)?.description ?? "1970-01-01"
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}

/// The answer to one line of `import` or `apply`.
public struct LedgerAnswer: Sendable {
    /// The answer object: `id`, the `eval` result and `version`; or `id`, `line` and `error`.
    public var json: JSONValue
    /// The outcome, or `nil` for an error line.
    public var outcome: Outcome?

    /// Whether the line is an error line.
    public var isError: Bool { outcome == nil }

    static func error(id: JSONValue, line: Int, code: String, message: String) -> LedgerAnswer {
        LedgerAnswer(json: .object([
            ("id", id), ("line", .int(line)),
            ("error", .object([("code", .string(code)), ("message", .string(message))])),
        ]), outcome: nil)
    }

    static func error(line: Int, _ error: DecisionError) -> LedgerAnswer {
        Self.error(id: error.id, line: line, code: error.code, message: error.message)
    }

    static func answer(id: String, evaluation: LedgerEvaluation, version: Int) -> LedgerAnswer {
        LedgerAnswer(json: .object([("id", .string(id))] + evaluation.resultMembers + [("version", .int(version))]),
                     outcome: evaluation.result.outcome)
    }
}

/// One input line: its number and its bytes.
public struct LedgerLine: Sendable {
    /// The line's number in the input (blank lines counted).
    public var number: Int
    /// The line's bytes, without the line end; `nil` when it was longer than the limit.
    public var bytes: [UInt8]?
    /// The line's length when it was too long.
    public var length: Int

    /// Creates a line.
    public init(number: Int, bytes: [UInt8]?, length: Int = 0) {
        self.number = number
        self.bytes = bytes
        self.length = length
    }
}
