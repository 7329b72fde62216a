public import Statute

/// What a sweep did: the summary `statute ledger sweep` prints.
public struct SweepSummary: Hashable, Sendable {
    /// A record that could not be evaluated, left as it was.
    public struct RecordError: Hashable, Sendable {
        /// The record's id.
        public var id: String
        /// The diagnostic's code.
        public var code: String
        /// The diagnostic in one line.
        public var message: String
    }

    /// The date swept.
    public var today: CalendarDate
    /// Records evaluated.
    public var examined = 0
    /// Records that took at least one step.
    public var changed = 0
    /// Steps taken, by transition id.
    public var transitions: [String: Int] = [:]
    /// Effects emitted (outbox entries written), by effect name.
    public var effects: [String: Int] = [:]
    /// Records that could not be evaluated.
    public var errors: [RecordError] = []

    mutating func add(_ other: SweepSummary) {
        examined += other.examined
        changed += other.changed
        transitions.merge(other.transitions, uniquingKeysWith: +)
        effects.merge(other.effects, uniquingKeysWith: +)
        errors += other.errors
    }
}

extension Ledger {
    /// `statute ledger sweep`: evaluates, in batches of `batch` records (one transaction
    /// each), every record of the policy that is due on or before `today` or was last
    /// evaluated under another digest, and writes what changed. Records that cannot be
    /// evaluated are reported and left as they are.
    ///
    /// - Parameters:
    ///   - jobs: evaluate a batch's records on this many threads.
    ///   - progress: called after each batch with the records examined so far.
    /// - Throws: a ``LedgerStoreError`` when the store cannot do the work; the batches
    ///   committed before stay committed, and the next sweep goes on from there.
    public func sweep(today: CalendarDate, batch: Int = 500, jobs: Int = 1,
                      progress: (Int) -> Void = { _ in }) async throws -> SweepSummary {
        var summary = SweepSummary(today: today)
        var cursor = SweepCursor.start
        let context = ChangeContext(actor: "system", at: timestamp(), today: today)
        let policy = policy
        let threads = WorkerThreads.forJobs(jobs)
        defer { threads.stop() }
        while true {
            let done = try await store.claimBatch(policy: policy.name, digest: policy.digest, today: today,
                                                  limit: batch, after: cursor) { records in
                Self.decide(records, policy: policy, context: context, threads: threads, jobs: jobs)
            }
            guard done.claimed > 0 else { break }
            summary.add(done.report)
            cursor = done.cursor
            progress(summary.examined)
        }
        return summary
    }

    /// The changes for a claimed batch, and its part of the summary.
    static func decide(_ records: [StoredRecord], policy: LedgerPolicy, context: ChangeContext,
                       threads: WorkerThreads, jobs: Int) -> SweepDecision<SweepSummary> {
        let outcomes = threads.map(records, jobs: jobs) { record in decide(record, policy: policy, context: context) }
        var summary = SweepSummary(today: context.today)
        var changes: [RecordChange] = []
        for (record, outcome) in zip(records, outcomes) {
            summary.examined += 1
            switch outcome {
            case .failure(let error):
                summary.errors.append(.init(id: record.id, code: error.code, message: error.message))
            case .success(let change):
                if !change.history.isEmpty { summary.changed += 1 }
                for entry in change.history { summary.transitions[entry.transition, default: 0] += 1 }
                for entry in change.outbox { summary.effects[entry.effect, default: 0] += 1 }
                changes.append(change)
            }
        }
        return SweepDecision(changes: changes, report: summary)
    }

    /// One stored record evaluated at the sweep's date.
    static func decide(_ record: StoredRecord, policy: LedgerPolicy,
                       context: ChangeContext) -> Result<RecordChange, DecisionError> {
        guard case .success(.object(let facts)) = JSONReader.parse(Array(record.facts.utf8)) else {
            return .failure(DecisionError(id: .string(record.id), code: "invalid-input", message: "the stored facts are not a JSON object"))
        }
        let members: [(String, JSONValue)] = [("status", .text(record.status)), ("facts", .object(facts))]
        switch LedgerEvaluation.evaluate(members, policy: policy, today: context.today) {
        case .failure(var error):
            error.id = .string(record.id)
            return .failure(error)
        case .success(let evaluation):
            return .success(ChangeBuilder.change(previous: record, id: record.id, evaluation: evaluation, policy: policy,
                                                 context: context, bumpVersion: false))
        }
    }
}
