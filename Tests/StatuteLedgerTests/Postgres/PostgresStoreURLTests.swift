import StatuteLedger
import Testing

/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`: what is read, and a one-line error that
/// never repeats the password for anything else.
struct PostgresStoreURLTests {
    @Test func aFullURLIsRead() throws {
        let url = try PostgresStoreURL(parsing: "postgres://ledger:s%40cret@db.example.com:6543/statute")
        #expect(url == PostgresStoreURL(user: "ledger", password: "s@cret", host: "db.example.com", port: 6543,
                                        database: "statute"))
        #expect(url.redacted == "postgres://ledger:***@db.example.com:6543/statute")
    }

    @Test func thePasswordAndPortMayBeLeftOut() throws {
        let url = try PostgresStoreURL(parsing: "postgresql://ledger@localhost/statute")
        #expect(url == PostgresStoreURL(user: "ledger", password: nil, host: "localhost", port: 5432, database: "statute"))
        #expect(url.redacted == "postgres://ledger@localhost:5432/statute")
    }

    @Test func anIPv6HostIsRead() throws {
        let url = try PostgresStoreURL(parsing: "postgres://u:p@[::1]:5433/d")
        #expect(url.host == "::1")
        #expect(url.port == 5433)
    }

    @Test(arguments: [
        ("postgres://localhost/statute", "no USER@ before the host"),
        ("postgres://u:p@localhost", "no /DB after the host"),
        ("postgres://u:p@localhost/", "the database name is empty or badly percent-encoded"),
        ("postgres://u:p@localhost:99999/d", "the port must be a number from 1 to 65535"),
        ("postgres://u:p@localhost:x/d", "the port must be a number from 1 to 65535"),
        ("postgres://u:p@:5432/d", "the host is empty"),
        ("postgres://:p@h/d", "the user is empty or badly percent-encoded"),
        ("postgres://u:p%zz@h/d", "the password is badly percent-encoded"),
        ("postgres://u:p@h/d?sslmode=require", "the database name may not contain ?, # or /"),
        ("postgres://u:p@[::1/d", "an IPv6 host lacks its closing ]"),
        ("mysql://u:p@h/d", "it does not start with postgres://"),
    ])
    func aMalformedURLIsOneLineNamingTheProblem(text: String, problem: String) {
        let error = #expect(throws: PostgresStoreURLError.self) { try PostgresStoreURL(parsing: text) }
        #expect(error?.problem == problem)
        let message = error?.description ?? ""
        #expect(message.hasSuffix("(expected postgres://USER[:PASSWORD]@HOST[:PORT]/DB)"))
        #expect(!message.contains("\n"))
    }

    @Test func theMessageHidesThePassword() {
        let error = #expect(throws: PostgresStoreURLError.self) {
            try PostgresStoreURL(parsing: "postgres://ledger:hunter2@db:bad/statute")
        }
        #expect(error?.description.contains("hunter2") == false)
        #expect(error?.url == "postgres://ledger:***@db:bad/statute")
    }

    @Test func theStoreReportsAMalformedURLAsInvalid() async {
        let error = await #expect(throws: LedgerStoreError.self) {
            try await StoreOpener.open(StoreLocation(parsing: "postgres://ledger:hunter2@db/"))
        }
        guard case .invalidURL(let message) = error else {
            Issue.record("expected invalidURL, got \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("malformed store URL 'postgres://ledger:***@db/': "))
    }
}
