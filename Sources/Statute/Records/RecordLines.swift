import StatuteCore

/// Evaluates JSON Lines records (`statute run`, docs/cli.md): each line
/// `{"id", "status", "facts", "event"? | "set" + "as" + "transition"?}` is read and
/// evaluated on its own, and becomes
/// one output line — the result (as `eval` reports it) after `id`, or
/// `{"id", "line", "error": {"code", "message"}}` when it cannot be read or evaluated.
///
/// A line's `id` may be a string or an integer and is echoed as given (`null` when the
/// line is unreadable or has none). `status` absent or null means a new record; `facts`
/// absent or null means no facts; neither `event` nor `set` means a plain evaluation.
/// Lines are strict JSON (RFC 8259); unknown keys are errors.
package struct RecordLines: Sendable {
    /// What became of one line.
    package enum Kind: Hashable, Sendable {
        /// The record was evaluated, with this outcome.
        case evaluated(Outcome)
        /// The line could not be read or evaluated; its output line carries the error.
        case error
    }

    /// One output line.
    package struct Output: Sendable {
        /// Whether the line was evaluated (and with what outcome) or is an error.
        package let kind: Kind
        /// The output object: `id`, then the result or the error.
        package let json: JSONValue
        /// The line's number in the input.
        package let line: Int
    }

    /// The engine that evaluates every record: the policy and the settings.
    package let engine: Engine
    /// The date every record is evaluated on.
    package let today: CalendarDate
    /// The longest line read, in bytes; longer lines become `line-too-long` errors.
    package let maxLineBytes: Int

    /// The engine's policy, kept once (``Engine/policy`` hands out a copy per call).
    private let policy: CompiledPolicy
    /// Decides each record (run lines carry no settings of their own).
    private let maker: DecisionMaker

    /// Creates a reader; `maxLineBytes` defaults to 1 MiB.
    package init(engine: Engine, today: CalendarDate, maxLineBytes: Int = 1 << 20) {
        self.engine = engine
        policy = engine.policy
        maker = DecisionMaker(engine: engine, settings: [:])
        self.today = today
        self.maxLineBytes = maxLineBytes
    }

    /// A splitter for the input, with this reader's line limit.
    package func makeSplitter() -> LineSplitter {
        LineSplitter(maxLineBytes: maxLineBytes)
    }

    /// Whether a line has only spaces, tabs and carriage returns (such lines are skipped).
    package static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }

    /// Evaluates one line of the split input.
    package func evaluate(_ line: LineSplitter.Line) -> Output {
        switch line {
        case .text(let bytes, let number):
            return evaluate(bytes: bytes, line: number)
        case .tooLong(let number, let length):
            return failure(line: number, DecisionError(
                id: .null, code: DiagnosticCode.lineTooLong.rawValue,
                message: "the line is \(length) bytes, more than the limit of \(maxLineBytes) bytes"))
        }
    }

    /// Reads and evaluates the line `bytes`, the `line`-th of the input: strict JSON
    /// (docs/cli.md), read with ``DecisionInput/read(json:shape:policy:)``.
    package func evaluate(bytes: [UInt8], line: Int) -> Output {
        switch DecisionInput.read(json: bytes, shape: .runLine, policy: policy) {
        case .failure(let error):
            return failure(line: line, error)
        case .success(let input):
            do {
                let result = try maker.result(of: input, today: today)
                return Output(kind: .evaluated(result.outcome), json: .object([("id", input.id)] + ResultJSON.members(result)),
                              line: line)
            } catch {
                return failure(line: line, error)
            }
        }
    }

    /// Evaluates one line of the split input and appends its output line — the JSON of
    /// ``evaluate(_:)``, byte for byte, and a newline — to `output`, without building the
    /// JSON tree (what `run` does 200,000 times).
    package func answer(_ line: LineSplitter.Line, to output: inout [UInt8]) -> Kind {
        guard case .text(let bytes, let number) = line else {
            let failed = evaluate(line)
            failed.json.write(to: &output)
            output.append(UInt8(ascii: "\n"))
            return failed.kind
        }
        let kind: Kind
        switch DecisionInput.read(json: bytes, shape: .runLine, policy: policy) {
        case .failure(let error):
            failure(line: number, error).json.write(to: &output)
            kind = .error
        case .success(let input):
            do {
                let result = try maker.result(of: input, today: today)
                ResultJSON.write(result, id: input.id, to: &output)
                kind = .evaluated(result.outcome)
            } catch {
                failure(line: number, error).json.write(to: &output)
                kind = .error
            }
        }
        output.append(UInt8(ascii: "\n"))
        return kind
    }

    private func failure(line: Int, _ error: DecisionError) -> Output {
        Output(kind: .error, json: error.line(line), line: line)
    }
}

/// Counts of a `run`, for its summary line.
package struct RunSummary: Hashable, Sendable, CustomStringConvertible {
    /// Lines read (blank lines not counted).
    package var records = 0
    /// Records whose status changed.
    package var changed = 0
    /// Records evaluated with no change.
    package var unchanged = 0
    /// Records whose event took no transition.
    package var ignored = 0
    /// Records whose manual request was refused.
    package var rejected = 0
    /// Lines that could not be read or evaluated.
    package var errors = 0

    /// Creates an empty summary.
    package init() {}

    /// Counts one output line by its kind.
    package mutating func count(_ kind: RecordLines.Kind) {
        records += 1
        switch kind {
        case .evaluated(.changed): changed += 1
        case .evaluated(.unchanged): unchanged += 1
        case .evaluated(.ignored): ignored += 1
        case .evaluated(.rejected): rejected += 1
        case .error: errors += 1
        }
    }

    /// `N records: X changed, Y unchanged, Z ignored, E errors` (and `R rejected` when any were).
    package var description: String {
        let refused = rejected > 0 ? ", \(rejected) rejected" : ""
        return "\(records) record\(records == 1 ? "" : "s"): \(changed) changed, \(unchanged) unchanged, \(ignored) ignored\(refused), \(errors) error\(errors == 1 ? "" : "s")"
    }
}
