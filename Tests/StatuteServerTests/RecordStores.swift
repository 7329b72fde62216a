import Foundation
import Logging
import PostgresNIO
import StatuteLedger
import Testing

/// The stores the records routes are tested on: a new SQLite file, and — when
/// `STATUTE_TEST_POSTGRES` names a server (`scripts/start-postgres.sh`; CI sets it) — a new
/// database on that PostgreSQL. Each is migrated (`statute ledger init`) and empty.
struct RecordStoreKind: Sendable, CustomStringConvertible {
    let name: String
    let make: @Sendable (URL) async throws -> String

    var description: String { name }

    static let sqlite = RecordStoreKind(name: "sqlite") { folder in
        let url = "sqlite:" + folder.appendingPathComponent("ledger-\(UUID().uuidString).db").path
        try await migrate(url)
        return url
    }

    static let postgres = RecordStoreKind(name: "postgres") { _ in
        guard let base = postgresBase else { throw RecordStoreError.noPostgres }
        let parsed = try PostgresStoreURL(parsing: base)
        let name = "statute_test_\(Int(Date().timeIntervalSince1970))_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let logger = Logger(label: "statute-server-tests", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = PostgresConnection.Configuration(host: parsed.host, port: parsed.port, username: parsed.user,
                                                             password: parsed.password, database: parsed.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        try await connection.close()
        guard let slash = base.lastIndex(of: "/") else { throw RecordStoreError.noPostgres }
        let url = String(base[...slash]) + name
        try await migrate(url)
        return url
    }

    /// `STATUTE_TEST_POSTGRES`, when set.
    static var postgresBase: String? {
        ProcessInfo.processInfo.environment["STATUTE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every store the records tests run on.
    static let all: [RecordStoreKind] = [.sqlite] + (postgresBase != nil ? [.postgres] : [])

    static func migrate(_ url: String) async throws {
        let store = try await StoreOpener.open(try StoreLocation(parsing: url))
        _ = try await store.migrate()
        try await store.close()
    }
}

enum RecordStoreError: Error { case noPostgres }
