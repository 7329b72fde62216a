import Statute

/// The work behind `statute_evaluate` and `statute_options`: request bytes in, answer
/// JSON out. Every failure is a ``CallError``; nothing here traps on bad input.
enum Answers {
    /// Evaluates a request body of SPEC §7's evaluate shape; the answer is the
    /// `statute eval --format json` object.
    static func evaluate(_ box: EngineBox, request bytes: [UInt8]) -> Result<JSONValue, CallError> {
        let input: DecisionInput
        switch JSONInput.request(bytes, shape: .evaluate, policy: box.engine.policy) {
        case .success(let read): input = read
        case .failure(let error): return .failure(error)
        }
        guard let today = input.today ?? LocalDate.today() else { return .failure(noClock) }
        do {
            let engine = try box.engine(overriding: input.settings)
            let result = try engine.evaluate(input.record, request: input.request, today: today, explain: input.explain)
            return .success(ResultJSON.json(result))
        } catch {
            return .failure(CallError(error))
        }
    }

    /// Lists the manual transitions the request's role may take now:
    /// `{"options": [{"transition", "to", "label"}]}`, in policy order.
    static func options(_ box: EngineBox, request bytes: [UInt8]) -> Result<JSONValue, CallError> {
        let input: DecisionInput
        switch JSONInput.request(bytes, shape: .options, policy: box.engine.policy) {
        case .success(let read): input = read
        case .failure(let error): return .failure(error)
        }
        guard let role = input.role else {
            return .failure(CallError(code: "missing-role", message: "an options request needs `as`, the role asking"))
        }
        guard let today = input.today ?? LocalDate.today() else { return .failure(noClock) }
        do {
            let engine = try box.engine(overriding: input.settings)
            let options = try engine.manualOptions(for: input.record, role: role, today: today)
            return .success(.object([("options", .array(options.filter(\.allowed).map { option in
                .object([("transition", .string(option.transition)), ("to", .string(option.to)), ("label", .string(option.label))])
            }))]))
        } catch {
            return .failure(CallError(error))
        }
    }

    private static let noClock = CallError(code: "no-clock", message: "cannot read today's date from the system clock; give `today`")
}
