/// Where a ledger store is: `--store URL` or `STATUTE_STORE` (docs/ledger.md).
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// `sqlite:PATH`: an SQLite file (created when missing), in WAL mode.
    case sqlite(path: String)
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB` (or `postgresql://`), as written.
    case postgres(url: String)

    /// The store when none is given: `sqlite:statute.db` in the working directory.
    public static let defaultURL = "sqlite:statute.db"

    /// Reads a store URL.
    ///
    /// - Throws: ``LedgerStoreError/invalidURL(_:)`` naming what is wrong.
    public init(parsing url: String) throws(LedgerStoreError) {
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else {
                throw .invalidURL("the store URL `\(url)` names no file; write sqlite:PATH, e.g. sqlite:statute.db")
            }
            guard !path.utf8.contains(0) else { throw .invalidURL("the store URL has a NUL character in its path") }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else {
            let shown = url.count > 80 ? String(url.prefix(80)) + "…" : url
            throw .invalidURL("cannot use the store URL `\(shown)`: write sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DB")
        }
    }

    /// The URL, with a PostgreSQL password hidden.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:" + path
        case .postgres(let url):
            guard let schemeEnd = url.range(of: "://"), let at = url.lastIndex(of: "@"), at > schemeEnd.upperBound,
                  let colon = url[schemeEnd.upperBound..<at].firstIndex(of: ":") else { return url }
            return String(url[..<colon]) + ":***" + String(url[at...])
        }
    }
}

/// How a store is opened, whichever the database.
public struct StoreOptions: Hashable, Sendable {
    /// How long to wait for a lock (SQLite: another writer; PostgreSQL: the connection)
    /// before giving up with ``LedgerStoreError/unavailable(_:)``, in seconds.
    public var busyTimeout: Double

    /// Creates options; the busy timeout defaults to 5 seconds.
    public init(busyTimeout: Double = 5) {
        self.busyTimeout = busyTimeout
    }
}

/// Opens the store a location names.
public enum StoreOpener {
    /// Opens (and for SQLite creates, when missing) the store; it is not migrated.
    ///
    /// - Throws: ``LedgerStoreError/unavailable(_:)`` when the database cannot be reached.
    public static func open(_ location: StoreLocation, options: StoreOptions = StoreOptions()) async throws -> any LedgerStore {
        switch location {
        case .sqlite(let path):
            return try SQLiteStore(path: path, options: options)
        case .postgres(let url):
            return try await PostgresStore.open(url: url, options: options)
        }
    }
}
