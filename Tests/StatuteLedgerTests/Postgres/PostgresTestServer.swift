import Foundation
import Logging
import PostgresNIO
import StatuteLedger
import Testing

/// The real PostgreSQL server the ledger's tests use: `STATUTE_TEST_POSTGRES`
/// (`postgres://USER:PASSWORD@HOST:PORT/DB`, a role that may create databases), as
/// `scripts/start-postgres.sh` prints it. Without the variable, outside CI, the tests run
/// that script themselves (it installs nothing when PostgreSQL is there, and reuses a
/// running server); in CI (`CI=true`) a missing variable is a failure, never a skip.
/// Each test gets a database of its own, dropped when it is done.
enum PostgresTestServer {
    /// The server's URL, or nil when there is none and none can be started here.
    static let baseURL: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["STATUTE_TEST_POSTGRES"], !url.isEmpty { return url }
        if environment["CI"] == "true" { return nil }
        guard let output = try? run(["bash", scriptPath], environment: [:]),
              let line = output.split(separator: "\n").last(where: { $0.hasPrefix("export STATUTE_TEST_POSTGRES=") })
        else { return nil }
        return String(line.dropFirst("export STATUTE_TEST_POSTGRES=".count))
    }()

    /// Whether the PostgreSQL store is among the stores tests run on: always in CI (where a
    /// missing server then fails every such test), else when a server could be found or started.
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || baseURL != nil
    }

    /// The package's root (for `scripts/`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var scriptPath: String { packageRoot.appendingPathComponent("scripts/start-postgres.sh").path }

    /// A new, empty database on the test server; `body` gets its URL, and the database is
    /// dropped afterwards.
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let (url, name, base) = try await createDatabase()
        do {
            let value = try await body(url)
            try await drop(name, base: base)
            return value
        } catch {
            try? await drop(name, base: base)
            throw error
        }
    }

    /// The URL of a new, empty database on the test server, for a store the test keeps
    /// (the shared store suite's factory). Such databases are named with their creation
    /// time and dropped by a later run once they are a day old.
    static func freshDatabase() async throws -> String {
        try await createDatabase().url
    }

    private static func createDatabase() async throws -> (url: String, name: String, base: PostgresStoreURL) {
        guard let baseURL else {
            Issue.record("STATUTE_TEST_POSTGRES is not set: run `eval \"$(scripts/start-postgres.sh)\"` before the tests (CI must run the ledger's tests on PostgreSQL)")
            throw PostgresTestServerError.noServer
        }
        let base = try PostgresStoreURL(parsing: baseURL)
        let now = Int(Date().timeIntervalSince1970)
        let name = "statute_test_\(now)_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try await administer(base) { connection, logger in
            if await oldDatabasesDropped.claim() {
                var old: [String] = []
                let rows = try await connection.query(
                    "SELECT datname FROM pg_database WHERE datname LIKE 'statute\\_test\\_%'", logger: logger)
                for try await row in rows { old.append(try row.decode(String.self)) }
                for database in old {
                    let parts = database.split(separator: "_")
                    guard parts.count == 4, let created = Int(parts[2]), created < now - 86_400 else { continue }
                    try? await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"),
                                                logger: logger)
                }
            }
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        let url = "postgres://\(percentEncoded(base.user))\(base.password.map { ":" + percentEncoded($0) } ?? "")@\(base.host):\(base.port)/\(name)"
        return (url, name, base)
    }

    /// Old test databases are looked for once per test run.
    private static let oldDatabasesDropped = Once()

    private static func drop(_ name: String, base: PostgresStoreURL) async throws {
        try await administer(base) { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }

    /// Runs `body` on a connection to the test server's own database.
    static func administer(_ url: PostgresStoreURL,
                           _ body: (PostgresConnection, Logger) async throws -> Void) async throws {
        let logger = Logger(label: "statute-tests", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            try await body(connection, logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// Runs a command to its end; its stdout, or an error with its stderr. Output goes
    /// through files, not pipes: a server the command starts keeps the descriptors it was
    /// given, and a pipe would never reach its end.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw PostgresTestServerError.commandFailed(arguments.joined(separator: " "),
                                                        (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
        }
        return output
    }
}

/// True the first time it is claimed, false after.
actor Once {
    private var claimed = false

    func claim() -> Bool {
        defer { claimed = true }
        return !claimed
    }
}

enum PostgresTestServerError: Error, CustomStringConvertible {
    case noServer
    case commandFailed(String, String)

    var description: String {
        switch self {
        case .noServer: "no PostgreSQL server for the tests (STATUTE_TEST_POSTGRES)"
        case .commandFailed(let command, let stderr): "`\(command)` failed: \(stderr)"
        }
    }
}

/// A PostgreSQL cluster of a test's own (its own directory and port), for the tests that
/// stop or restart the server: `scripts/start-postgres.sh` with another directory and port.
/// Needs the server binaries and root (or the `postgres` user), as CI has.
struct PrivatePostgresCluster {
    let directory: String
    let port: Int

    /// Whether a private cluster can be made here.
    static var possible: Bool {
        getuid() == 0 && FileManager.default.fileExists(atPath: "/usr/lib/postgresql")
    }

    init() throws {
        directory = NSTemporaryDirectory() + "statute-pg-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        port = Int.random(in: 20_000...29_999)
        try command("start")
    }

    var url: String { "postgres://statute:statute@127.0.0.1:\(port)/statute" }

    func command(_ action: String) throws {
        try PostgresTestServer.run(["bash", PostgresTestServer.scriptPath, action],
                                   environment: ["STATUTE_PG_DIR": directory, "STATUTE_PG_PORT": String(port)])
    }

    /// Stops the server and removes its files.
    func remove() {
        try? command("stop")
        try? FileManager.default.removeItem(atPath: directory)
    }
}
