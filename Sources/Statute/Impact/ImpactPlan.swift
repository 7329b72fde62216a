import StatuteCore

/// What became of one record line under the current and the candidate engines.
package enum RecordImpact: Sendable {
    /// The line could not be read or played (under either engine); reported as `run` does.
    case error(ImpactLineError)
    /// The record was played under both; `divergesOn` is `nil` when the two agree.
    case played(id: JSONValue, line: Int, old: Trajectory, new: Trajectory, divergesOn: CalendarDate?)

    /// Whether the record's trajectory differs between the two.
    package var isAffected: Bool {
        if case .played(_, _, _, _, .some) = self { true } else { false }
    }
}

/// Plays records under the current policy and settings and under the candidate ones,
/// from `today` to `until` (docs/impact.md). Immutable and `Sendable`: one plan serves every thread.
package struct ImpactPlan: Sendable {
    /// The current policy with the current settings.
    package let current: Engine
    /// The candidate policy (or the current one) with the candidate settings.
    package let candidate: Engine
    /// The first day, on which each line's event or manual request is applied.
    package let today: CalendarDate
    /// The last day played.
    package let until: CalendarDate
    /// Whether the two engines run different policies (lines are then read under each).
    package let policiesDiffer: Bool

    /// Creates a plan; `policiesDiffer` says whether lines must be read against each policy.
    package init(current: Engine, candidate: Engine, today: CalendarDate, until: CalendarDate, policiesDiffer: Bool) {
        self.current = current
        self.candidate = candidate
        self.today = today
        self.until = until
        self.policiesDiffer = policiesDiffer
    }

    /// Plays one line of the split input; a line over the limit is an error line.
    package func assess(_ line: LineSplitter.Line, maxLineBytes: Int = 1 << 20) -> RecordImpact {
        switch line {
        case .text(let bytes, let number): assess(bytes: bytes, line: number)
        case .tooLong(let number, let length):
            .error(ImpactLineError(id: .null, line: number, code: DiagnosticCode.lineTooLong.rawValue,
                                   message: "the line is \(length) bytes, more than the limit of \(maxLineBytes) bytes"))
        }
    }

    /// Reads line number `line` and plays it under both engines.
    package func assess(bytes: [UInt8], line: Int) -> RecordImpact {
        let old: ImpactLine
        switch ImpactLineReader.read(bytes, line: line, policy: current.policy) {
        case .failure(let error): return .error(error)
        case .success(let read): old = read
        }
        var new = old
        if policiesDiffer {
            switch ImpactLineReader.read(bytes, line: line, policy: candidate.policy) {
            case .failure(var error):
                error.message = "under the candidate policy: " + error.message
                return .error(error)
            case .success(let read): new = read
            }
        }
        let before: Trajectory, after: Trajectory
        do {
            before = try Timeline.play(old.record, request: old.request, engine: current, from: today, until: until)
        } catch {
            return .error(ImpactLineReader.error(error, id: old.id, line: line))
        }
        do {
            after = try Timeline.play(new.record, request: new.request, engine: candidate, from: today, until: until)
        } catch {
            var failure = ImpactLineReader.error(error, id: old.id, line: line)
            failure.message = "under the candidate: " + failure.message
            return .error(failure)
        }
        return .played(id: old.id, line: line, old: before, new: after,
                       divergesOn: ImpactPlan.divergence(before, after))
    }

    /// The first date on which two trajectories differ, or `nil` when they agree.
    package static func divergence(_ old: Trajectory, _ new: Trajectory) -> CalendarDate? {
        let a = old.entries, b = new.entries
        for index in 0..<max(a.count, b.count) {
            switch (index < a.count ? a[index] : nil, index < b.count ? b[index] : nil) {
            case (let x?, let y?): if x != y { return min(x.date, y.date) }
            case (let x?, nil): return x.date
            case (nil, let y?): return y.date
            case (nil, nil): return nil
            }
        }
        // Same steps from the same record: the same final status too (a manual request
        // accepted on one side only is a step, so it shows above).
        return nil
    }
}
