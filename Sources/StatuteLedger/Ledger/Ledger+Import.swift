public import Statute

extension Ledger {
    /// `statute ledger import`: each line a `run` line with a required string `id`, stored as
    /// a new record after evaluating it at `today` (its automatic changes applied and
    /// recorded with actor `system`). All the lines given are written in one transaction;
    /// answers are in line order.
    ///
    /// - Throws: a ``LedgerStoreError`` when the store cannot write (nothing of the lines
    ///   given is written then).
    public func importLines(_ lines: [LedgerLine], today: CalendarDate) async throws -> [LedgerAnswer] {
        var answers: [LedgerAnswer?] = Array(repeating: nil, count: lines.count)
        var changes: [RecordChange] = []
        var pending: [(index: Int, id: String, evaluation: LedgerEvaluation)] = []
        let context = ChangeContext(actor: "system", at: timestamp(), today: today)
        for (index, line) in lines.enumerated() {
            switch prepareImport(line, today: today, context: context) {
            case .failure(let error):
                answers[index] = .error(line: line.number, error)
            case .success(let (id, evaluation, change)):
                changes.append(change)
                pending.append((index, id, evaluation))
            }
        }
        let outcomes = changes.isEmpty ? [] : try await store.insert(changes)
        for (slot, outcome) in zip(pending, outcomes) {
            switch outcome {
            case .inserted:
                answers[slot.index] = .answer(id: slot.id, evaluation: slot.evaluation, version: 1)
            case .duplicate:
                answers[slot.index] = .error(id: .string(slot.id), line: lines[slot.index].number, code: "duplicate-record",
                                             message: "a record `\(slot.id)` of policy `\(policy.name)` exists already; use `statute ledger apply` to change it")
            }
        }
        return answers.map { $0! }
    }

    private func prepareImport(_ line: LedgerLine, today: CalendarDate,
                               context: ChangeContext) -> Result<(String, LedgerEvaluation, RecordChange), DecisionError> {
        let members: [(String, JSONValue)]
        switch LineReading.object(line) {
        case .failure(let error): return .failure(error)
        case .success(let read): members = read
        }
        let id: String
        switch LineReading.id(members) {
        case .failure(let error): return .failure(error)
        case .success(let read): id = read
        }
        switch LedgerEvaluation.evaluate(members, policy: policy, today: today) {
        case .failure(var error):
            error.id = .string(id)
            return .failure(error)
        case .success(let evaluation):
            var change = ChangeBuilder.change(previous: nil, id: id, evaluation: evaluation, policy: policy,
                                              context: context, bumpVersion: false)
            if evaluation.result.outcome == .rejected {
                // A refused request changes nothing: the record is stored as given, under no
                // digest, so the next sweep evaluates it.
                let facts = evaluation.input.record.facts.mapValues { JSONValue($0) }
                change = RecordChange(record: StoredRecord(id: id, policy: policy.name, status: evaluation.input.record.status,
                                                           facts: FactsJSON.text(facts), version: 1, nextDue: nil,
                                                           digest: "", lastSeq: 0), expectedVersion: nil)
            }
            return .success((id, evaluation, change))
        }
    }
}
