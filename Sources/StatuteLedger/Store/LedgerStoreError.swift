/// Why a store operation did not happen. Every case leaves the store as it was.
public enum LedgerStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The store URL cannot be used (`sqlite:PATH` or `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`).
    case invalidURL(String)
    /// The store has no schema yet: run `statute ledger init`.
    case notInitialized
    /// The store's schema is newer than this binary understands.
    case newerSchema(found: Int, supported: Int)
    /// A record of the policy with that id exists already.
    case duplicateRecord(policy: String, id: String)
    /// No record of the policy has that id.
    case unknownRecord(policy: String, id: String)
    /// The record's version is not the one expected; `current` is the stored one.
    case versionConflict(policy: String, id: String, current: Int)
    /// The database could not do the work: unreachable, locked past the busy timeout,
    /// out of disk, or another I/O failure. The message is one readable line.
    case unavailable(String)

    public var description: String {
        switch self {
        case .invalidURL(let message):
            message
        case .notInitialized:
            "the store has no ledger schema yet; run `statute ledger init` first"
        case .newerSchema(let found, let supported):
            "the store's schema is version \(found), newer than this statute understands (\(supported)); use a newer statute"
        case .duplicateRecord(let policy, let id):
            "a record `\(id)` of policy `\(policy)` exists already"
        case .unknownRecord(let policy, let id):
            "no record `\(id)` of policy `\(policy)`"
        case .versionConflict(let policy, let id, let current):
            "record `\(id)` of policy `\(policy)` is at version \(current)"
        case .unavailable(let message):
            message
        }
    }
}
