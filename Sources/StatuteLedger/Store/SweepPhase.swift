/// The phases of a sweep, each one range of an index on `(policy, digest, …)`: records
/// under a digest sorting before the current one, then after it (both by
/// `ledger_records_digest`), then the due records under the current digest (by
/// `ledger_records_due`). Records under the current digest that are not due are never read.
/// Each store writes the phase's query in its own SQL.
enum SweepPhase: Int, CaseIterable {
    case staleBelow, staleAbove, due

    /// The sort key after which the next batch starts.
    func keys(of record: StoredRecord) -> [String] {
        switch self {
        case .staleBelow, .staleAbove: [record.digest, record.id]
        case .due: [record.nextDue?.description ?? "", record.id]
        }
    }
}
