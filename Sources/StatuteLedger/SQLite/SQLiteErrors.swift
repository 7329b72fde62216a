import GRDB

extension LedgerStoreError {
    /// A database error as one readable line: what the user can do about it first.
    static func from(_ error: any Error, path: String, busyTimeout: Double) -> LedgerStoreError {
        if let error = error as? LedgerStoreError { return error }
        guard let error = error as? DatabaseError else { return .unavailable("SQLite store `\(path)`: \(error)") }
        let detail = error.message.map { ": \($0)" } ?? ""
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            let seconds = busyTimeout.rounded() == busyTimeout ? String(Int(busyTimeout)) : String(busyTimeout)
            return .unavailable("the SQLite store `\(path)` stayed locked by another process for more than \(seconds) s (--busy-timeout)")
        case .SQLITE_FULL:
            return .unavailable("the disk holding the SQLite store `\(path)` is full; nothing was written by the failed transaction")
        case .SQLITE_CANTOPEN:
            return .unavailable("cannot open the SQLite store `\(path)`\(detail)")
        case .SQLITE_READONLY:
            return .unavailable("the SQLite store `\(path)` is read-only\(detail)")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .unavailable("`\(path)` is not a usable SQLite store\(detail)")
        case .SQLITE_IOERR:
            return .unavailable("I/O error on the SQLite store `\(path)`\(detail)")
        default:
            return .unavailable("SQLite store `\(path)`\(detail)")
        }
    }
}
