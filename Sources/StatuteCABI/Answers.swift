import Statute

/// The work behind `statute_evaluate` and `statute_options`: request bytes in, answer
/// JSON out, through the library's ``DecisionMaker``. Every failure is a ``CallError``;
/// nothing here traps on bad input.
enum Answers {
    /// Evaluates a request body of docs/service.md's evaluate shape; the answer is the
    /// `statute eval --format json` object.
    static func evaluate(_ box: EngineBox, request bytes: [UInt8]) -> Result<JSONValue, CallError> {
        let input: DecisionInput
        switch JSONInput.request(bytes, shape: .evaluate, policy: box.maker.policy) {
        case .success(let read): input = read
        case .failure(let error): return .failure(error)
        }
        guard let today = input.today ?? LocalDate.today() else { return .failure(noClock) }
        do {
            return .success(try box.maker.evaluate(input, today: today).json)
        } catch {
            return .failure(CallError(error))
        }
    }

    /// Lists the manual transitions the request's role may take now:
    /// `{"options": [{"transition", "to", "label"}]}`, in policy order.
    static func options(_ box: EngineBox, request bytes: [UInt8]) -> Result<JSONValue, CallError> {
        let input: DecisionInput
        switch JSONInput.request(bytes, shape: .options, policy: box.maker.policy) {
        case .success(let read): input = read
        case .failure(let error): return .failure(error)
        }
        guard let today = input.today ?? LocalDate.today() else { return .failure(noClock) }
        do {
            return .success(try box.maker.options(input, today: today).json)
        } catch {
            return .failure(CallError(error))
        }
    }

    private static let noClock = CallError(code: "no-clock", message: "cannot read today's date from the system clock; give `today`")
}
