import Statute

/// Answers the lines of one `POST /v1/policies/{name}/run`, a part of the body at a time,
/// as `statute run` does: each line's answer is written straight to one byte buffer for
/// the part (``RecordLines/answer(_:to:)``, no JSON tree), the part's log lines go out in
/// one write before any of its answers is sent, and the metrics count the part's outcomes
/// at once.
struct RunAnswers: Sendable {
    let lines: RecordLines
    let policyName: String
    /// `{"name", "digest"}` of the version answering, for the log.
    let policy: [UInt8]
    /// The settings in force, for the log (empty without a log).
    let settings: [UInt8]
    let log: DecisionLog?
    let metrics: ServiceMetrics
    let ids: DecisionIDs

    /// Appends the answer lines of `batch` (non-blank lines, in order) to `output`, once
    /// their decisions are logged.
    ///
    /// - Throws: a 500 ``ServiceError`` when the log could not be written; the batch's
    ///   answers must then not be sent.
    func answer(_ batch: [LineSplitter.Line], to output: inout [UInt8]) throws(ServiceError) {
        guard !batch.isEmpty else { return }
        var entries: [UInt8] = []
        var summary = RunSummary()
        var started = ContinuousClock.now
        for line in batch {
            let mark = output.count
            let kind = lines.answer(line, to: &output)
            summary.count(kind)
            if log != nil {
                let input: JSONValue
                if case .text(let bytes, _) = line { input = DecisionInputAdapter.json(bytes) } else { input = .null }
                DecisionLog.writeLine(id: ids.next(), policy: policy, today: lines.today, settings: settings,
                                      input: input, result: output[mark..<(output.count - 1)], to: &entries)
            }
            let now = ContinuousClock.now
            metrics.duration(nanoseconds: Decider.nanoseconds(now - started))
            started = now
        }
        try log?.append(lines: entries)
        metrics.decisions(policy: policyName, outcome: "changed", count: summary.changed)
        metrics.decisions(policy: policyName, outcome: "unchanged", count: summary.unchanged)
        metrics.decisions(policy: policyName, outcome: "ignored", count: summary.ignored)
        metrics.decisions(policy: policyName, outcome: "rejected", count: summary.rejected)
        metrics.decisions(policy: policyName, outcome: "error", count: summary.errors)
    }
}
