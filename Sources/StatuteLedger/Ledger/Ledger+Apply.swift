public import Statute

extension Ledger {
    /// The keys of an `apply` line.
    static let applyKeys: Set<String> = ["id", "facts", "event", "set", "as", "transition", "actor", "reason", "expect_version"]

    /// `statute ledger apply`: one request applied to a stored record, in one transaction —
    /// read, version compared, facts merged, evaluated as `eval` would, written with its
    /// history and outbox entries. A write that loses a race with another writer (a sweep)
    /// is evaluated again on the record as it now is, unless the line names
    /// `expect_version`, which then answers `version-conflict`.
    ///
    /// - Throws: a ``LedgerStoreError`` when the store cannot do the work.
    public func applyLine(_ line: LedgerLine, today: CalendarDate) async throws -> LedgerAnswer {
        let members: [(String, JSONValue)]
        switch LineReading.object(line) {
        case .failure(let error): return .error(line: line.number, error)
        case .success(let read): members = read
        }
        let id: String
        switch LineReading.id(members) {
        case .failure(let error): return .error(line: line.number, error)
        case .success(let read): id = read
        }
        func failure(_ code: String, _ message: String) -> LedgerAnswer {
            .error(id: .string(id), line: line.number, code: code, message: message)
        }
        if let unknown = members.first(where: { !Self.applyKeys.contains($0.0) }) {
            return failure("unknown-key", "unknown key \"\(unknown.0)\" (an apply line has: id, facts, event, set, as, transition, actor, reason, expect_version)")
        }
        let value = Dictionary(members, uniquingKeysWith: { first, _ in first })
        var actor = "unknown"
        switch value["actor"] {
        case nil, .null?: break
        case .string(let name)? where !name.isEmpty: actor = name
        default: return failure("wrong-type", "\"actor\" must be a non-empty string")
        }
        var reason: String?
        switch value["reason"] {
        case nil, .null?: break
        case .string(let text)?: reason = text
        default: return failure("wrong-type", "\"reason\" must be a string")
        }
        var expected: Int?
        switch value["expect_version"] {
        case nil, .null?: break
        case .int(let version)?: expected = version
        default: return failure("wrong-type", "\"expect_version\" must be an integer")
        }
        var patch: [String: JSONValue] = [:]
        switch value["facts"] {
        case nil, .null?: break
        case .object?: FactsJSON.flatten(value["facts"]!, into: &patch)
        default: return failure("wrong-type", "\"facts\" must be an object")
        }
        let request = members.filter { ["event", "set", "as", "transition"].contains($0.0) }

        // A lost race with another writer is retried on the record as it now is; a few
        // times at most, then reported.
        for _ in 0..<8 {
            guard let stored = try await store.record(policy: policy.name, id: id) else {
                return failure("unknown-record", "no record `\(id)` of policy `\(policy.name)`; import it first")
            }
            if let expected, expected != stored.version {
                return failure("version-conflict", "record `\(id)` is at version \(stored.version), not \(expected)")
            }
            var facts = FactsJSON.parse(stored.facts)
            for (name, value) in patch { facts[name] = value }
            let input: [(String, JSONValue)] = [("status", .text(stored.status)), ("facts", FactsJSON.object(facts))] + request
            let evaluation: LedgerEvaluation
            switch LedgerEvaluation.evaluate(input, policy: policy, today: today) {
            case .failure(var error):
                error.id = .string(id)
                return .error(line: line.number, error)
            case .success(let read): evaluation = read
            }
            if evaluation.result.outcome == .rejected || evaluation.result.outcome == .ignored {
                return .answer(id: id, evaluation: evaluation, version: stored.version)
            }
            let context = ChangeContext(actor: actor, reason: reason, at: timestamp(), today: today)
            let change = ChangeBuilder.change(previous: stored, id: id, evaluation: evaluation, policy: policy,
                                              context: context, bumpVersion: true)
            do {
                try await store.apply(change)
                return .answer(id: id, evaluation: evaluation, version: change.record.version)
            } catch LedgerStoreError.versionConflict(_, _, let current) {
                if expected != nil {
                    return failure("version-conflict", "record `\(id)` is at version \(current), not \(stored.version)")
                }
            } catch LedgerStoreError.unknownRecord {
                return failure("unknown-record", "no record `\(id)` of policy `\(policy.name)`; import it first")
            }
        }
        return failure("version-conflict", "record `\(id)` kept changing while the request was applied; try again")
    }
}
