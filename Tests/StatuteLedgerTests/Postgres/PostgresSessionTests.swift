import Foundation
import Logging
import PostgresNIO
@testable import StatuteLedger
import Testing

/// A connection the server ends under the store: every statement after that is an error
/// at once — never a query that waits forever for a connection that is gone.
@Suite(.enabled(if: PostgresTestServer.enabled, "no PostgreSQL server (STATUTE_TEST_POSTGRES)"))
struct PostgresSessionTests {
    @Test("the server ends the connection between two statements of a transaction: the next one fails, the store goes on")
    func connectionEndedBetweenStatements() async throws {
        try await PostgresTestServer.withDatabase { url in
            let store = try await PostgresStore.open(url: url, options: StoreOptions(busyTimeout: 60))
            _ = try await store.migrate()
            let server = try PostgresStoreURL(parsing: url)
            let error = await #expect(throws: LedgerStoreError.self) {
                try await store.transaction { session, logger in
                    let backend = try await session.all("SELECT pg_backend_pid()", logger: logger) { try $0.decode(Int32.self) }
                    try await PostgresTestServer.administer(server) { connection, logger in
                        try await connection.query("SELECT pg_terminate_backend(\(backend[0]))", logger: logger)
                    }
                    let deadline = ContinuousClock.now + .seconds(20)
                    while !session.connection.isClosed, ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(5))
                    }
                    #expect(session.connection.isClosed, "the client saw its connection end")
                    try await session.run("SELECT 1", logger: logger)
                }
            }
            #expect(error?.description.contains("lost the connection to the PostgreSQL store") == true, "\(String(describing: error))")
            // The broken connection was dropped: the next call connects afresh.
            #expect(try await store.storedSchemaVersion() == PostgresStore.schemaVersion)
            try await store.close()
        }
    }

    @Test("a query on a session whose connection has closed fails without reaching the server")
    func closedSessionRefusesQueries() async throws {
        try await PostgresTestServer.withDatabase { url in
            let server = try PostgresStoreURL(parsing: url)
            let logger = Logger(label: "statute-tests", factory: { _ in SwiftLogNoOpLogHandler() })
            let configuration = PostgresConnection.Configuration(
                host: server.host, port: server.port, username: server.user, password: server.password,
                database: server.database, tls: .disable)
            let session = PostgresSession(try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger))
            #expect(try await session.count("SELECT 1", logger: logger) == 1)
            await session.close()
            #expect(session.isClosed)
            await #expect(throws: PostgresConnectionLost.self) {
                try await session.run("SELECT 1", logger: logger)
            }
        }
    }
}
