import PostgresNIO

extension LedgerStoreError {
    /// A PostgreSQL or connection error as one readable line naming the store (its password
    /// hidden) and what happened to the work: nothing half-applied is ever visible, so each
    /// message says whether the transaction was written.
    static func fromPostgres(_ error: any Error, store: PostgresStoreURL) -> LedgerStoreError {
        if let error = error as? LedgerStoreError { return error }
        let name = store.redacted
        if error is PostgresConnectionsClosed { return .unavailable("the PostgreSQL store \(name) was closed") }
        if error is PostgresConnectionLost {
            return .unavailable("lost the connection to the PostgreSQL store \(name) (the server closed it)\(rolledBack)")
        }
        if let error = error as? PostgresTransactionFailure {
            if let inner = error.closureError ?? error.beginError {
                return fromPostgres(inner, store: store)
            }
            if let commit = error.commitError {
                if case .unavailable(let message) = fromPostgres(commit, store: store) {
                    let cause = message.replacingOccurrences(of: rolledBack, with: "")
                    return .unavailable(cause + " at the commit; whether the last transaction was written is unknown, and running the command again is safe")
                }
            }
            return .unavailable("PostgreSQL store \(name): the transaction failed and was rolled back")
        }
        guard let error = error as? PSQLError else {
            return .unavailable("PostgreSQL store \(name): \(firstLine(String(describing: error)))")
        }
        switch error.code {
        case .server:
            return fromServer(error.serverInfo, store: store)
        case .connectionError:
            let reason = error.underlying.map { firstLine(String(describing: $0)) } ?? "no answer"
            return .unavailable("cannot connect to the PostgreSQL store \(name): \(reason)")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            // The store closes a connection only when no work is on it: a closed connection
            // under a query is always the server's doing.
            return .unavailable("lost the connection to the PostgreSQL store \(name) (the server closed it)\(rolledBack)")
        case .poolClosed:
            return .unavailable("the connection to the PostgreSQL store \(name) was closed")
        case .authMechanismRequiresPassword:
            return .unavailable("the PostgreSQL store \(name) asks for a password; write postgres://USER:PASSWORD@HOST/DB")
        case .unsupportedAuthMechanism, .saslError:
            return .unavailable("cannot log in to the PostgreSQL store \(name): \(firstLine(String(describing: error)))")
        case .sslUnsupported, .failedToAddSSLHandler:
            return .unavailable("the PostgreSQL store \(name) requires TLS, which this statute does not use")
        default:
            return .unavailable("PostgreSQL store \(name): \(firstLine(String(describing: error)))")
        }
    }

    /// What a failed statement means for its transaction, said after the cause.
    private static let rolledBack = "; the unfinished transaction was rolled back"

    private static func fromServer(_ info: PSQLError.ServerInfo?, store: PostgresStoreURL) -> LedgerStoreError {
        let name = store.redacted
        let state = info?[.sqlState] ?? ""
        let message = info?[.message].map(firstLine) ?? "an error"
        switch state {
        case "42P01":  // undefined_table
            return .notInitialized
        case "28P01", "28000":  // invalid_password, invalid_authorization_specification
            return .unavailable("the PostgreSQL store \(name) refused the login of `\(store.user)`: \(message)")
        case "3D000":  // invalid_catalog_name
            return .unavailable("the PostgreSQL server at \(store.host):\(store.port) has no database `\(store.database)`")
        case "57P01", "57P02", "57P03":  // admin_shutdown, crash_shutdown, cannot_connect_now
            return .unavailable("the PostgreSQL store \(name) is shutting down or starting up (\(message))\(rolledBack)")
        case "53100":  // disk_full
            return .unavailable("the disk of the PostgreSQL store \(name) is full; nothing was written by the failed transaction")
        case "55P03":  // lock_not_available
            return .unavailable("a record of the PostgreSQL store \(name) stayed locked by another process past the busy timeout (--busy-timeout)")
        case "53300":  // too_many_connections
            return .unavailable("the PostgreSQL store \(name) accepts no more connections: \(message)")
        default:
            return .unavailable("PostgreSQL store \(name): \(message)\(state.isEmpty ? "" : " (SQLSTATE \(state))")")
        }
    }

    private static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}

extension PostgresStoreURL {
    /// The one-line error for a malformed URL, as the store protocol reports it.
    static func parse(_ text: String) throws(LedgerStoreError) -> PostgresStoreURL {
        do {
            return try PostgresStoreURL(parsing: text)
        } catch {
            throw .invalidURL(error.description)
        }
    }
}
