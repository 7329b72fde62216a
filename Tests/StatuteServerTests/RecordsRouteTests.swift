import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Statute
import StatuteLedger
import Synchronization
import Testing
@testable import StatuteServer

/// `/v1/records/…` on a real store (a new SQLite file; a new PostgreSQL database too when
/// `STATUTE_TEST_POSTGRES` is set): import, show, apply, their errors, `/readyz` with a store,
/// and the sweeper of `--sweep-every`.
@Suite struct RecordsRouteTests {
    static let started = #"{"id": "r-1", "status": "in_progress", "facts": {"components": {"required": 2, "completed": 0}}}"#

    static func configuration(_ folder: URL, store: String?) -> ServerConfiguration {
        var configuration = ServerFixtures.configuration(folder)
        configuration.store = store
        return configuration
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ body: String,
                     headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, JSONValue?) {
        var fields = ServerFixtures.json("")
        fields.append(contentsOf: headers)
        let response = try await client.execute(uri: uri, method: .post, headers: fields, body: ServerFixtures.body(body))
        return (response.status, ServerFixtures.parse(response.body))
    }

    static func get(_ client: some TestClientProtocol, _ uri: String,
                    headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, JSONValue?) {
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        return (response.status, ServerFixtures.parse(response.body))
    }

    static func code(_ json: JSONValue?) -> String? { ServerFixtures.string(json?.at("error", "code")) }

    @Test(arguments: RecordStoreKind.all)
    func importShowAndApplyAreTheLedgerCommandsOverHTTP(_ kind: RecordStoreKind) async throws {
        let folder = try ServerFixtures.folder()
        let store = try await kind.make(folder)
        let app = try buildApplication(Self.configuration(folder, store: store), trapSIGHUP: false)
        try await app.test(.router) { client in
            let (created, answer) = try await Self.post(client, "/v1/records/certification", Self.started)
            #expect(created == .created)
            #expect(ServerFixtures.string(answer?["id"]) == "r-1")
            #expect(answer?["version"] == .int(1))
            #expect(ServerFixtures.string(answer?["status"]) == "in_progress")
            #expect(ServerFixtures.string(answer?.at("policy", "name")) == "certification")

            let (again, duplicate) = try await Self.post(client, "/v1/records/certification", Self.started)
            #expect(again == .conflict && Self.code(duplicate) == "duplicate-record")

            // A bad record is a 400 with run's code, and stores nothing.
            let (bad, wrong) = try await Self.post(client, "/v1/records/certification",
                                                   #"{"id": "r-2", "facts": {"components": {"required": "two"}}}"#)
            #expect(bad == .badRequest && Self.code(wrong) == "wrong-type")
            #expect(try await Self.get(client, "/v1/records/certification/r-2").0 == .notFound)

            // Staff pause the enrollment, giving a reason.
            let (applied, change) = try await Self.post(client, "/v1/records/certification/r-1/apply",
                #"{"set": "inactive", "as": "staff", "actor": "Ann", "reason": "on leave", "expect_version": 1}"#)
            #expect(applied == .ok)
            #expect(ServerFixtures.string(change?["outcome"]) == "changed")
            #expect(change?["version"] == .int(2))

            let (stale, conflict) = try await Self.post(client, "/v1/records/certification/r-1/apply",
                                                        #"{"event": "apply", "expect_version": 1}"#)
            #expect(stale == .conflict && Self.code(conflict) == "version-conflict")
            #expect(ServerFixtures.string(conflict?.at("error", "message"))?.contains("version 2") == true)

            let (shown, record) = try await Self.get(client, "/v1/records/certification/r-1")
            #expect(shown == .ok)
            #expect(ServerFixtures.string(record?["status"]) == "inactive")
            #expect(record?["version"] == .int(2))
            guard case .array(let history)? = record?["history"], let last = history.last else { Issue.record("no history"); return }
            #expect(ServerFixtures.string(last["actor"]) == "Ann")
            #expect(ServerFixtures.string(last["as"]) == "staff")
            #expect(ServerFixtures.string(last["reason"]) == "on leave")
            #expect(last["trigger"] == .object([("manual", .bool(true))]))

            // The id is in the path only; unknown records and policies are 404s.
            let (withID, idError) = try await Self.post(client, "/v1/records/certification/r-1/apply", #"{"id": "other"}"#)
            #expect(withID == .badRequest && Self.code(idError) == "unknown-key")
            let (missing, unknown) = try await Self.post(client, "/v1/records/certification/nobody/apply", #"{"event": "apply"}"#)
            #expect(missing == .notFound && Self.code(unknown) == "unknown-record")
            #expect(Self.code(try await Self.get(client, "/v1/records/certification/nobody").1) == "unknown-record")
            #expect(Self.code(try await Self.get(client, "/v1/records/other/r-1").1) == "unknown-policy")
            let (notJSON, _) = try await Self.post(client, "/v1/records/certification/r-1/apply", "{")
            #expect(notJSON == .badRequest)
            // Bodies within the service's limits: JSON only, at most 1 MiB; nothing is stored otherwise.
            let plain = try await client.execute(uri: "/v1/records/certification", method: .post, headers: [.contentType: "text/plain"],
                                                 body: ServerFixtures.body(#"{"id": "r-3"}"#))
            #expect(plain.status == .unsupportedMediaType)
            let big = #"{"id": "r-4", "status": "in_progress", "reason": ""# + String(repeating: "x", count: 1 << 20) + "\"}"
            #expect(try await Self.post(client, "/v1/records/certification", big).0 == .contentTooLarge)
            #expect(try await Self.get(client, "/v1/records/certification/r-3").0 == .notFound)
            #expect(try await Self.get(client, "/v1/records/certification/r-4").0 == .notFound)
            #expect(try await client.execute(uri: "/v1/records/certification/r-1", method: .delete).status == .methodNotAllowed)
        }
    }

    @Test(arguments: RecordStoreKind.all)
    func anIdWithSlashesAndMarkupTravelsPercentEncoded(_ kind: RecordStoreKind) async throws {
        let folder = try ServerFixtures.folder()
        let app = try buildApplication(Self.configuration(folder, store: try await kind.make(folder)), trapSIGHUP: false)
        let id = "a/b <script>é"
        try await app.test(.router) { client in
            let body = JSONValue.object([("id", .string(id)), ("status", .string("in_progress"))]).rendered()
            #expect(try await Self.post(client, "/v1/records/certification", body).0 == .created)
            let (status, record) = try await Self.get(client, "/v1/records/certification/" + RecordPath.encode(id))
            #expect(status == .ok)
            #expect(ServerFixtures.string(record?["id"]) == id)
            #expect(try await Self.get(client, "/v1/records/certification/%FF").0 == .badRequest)
        }
    }

    @Test func withoutAStoreTheRecordRoutesSaySo() async throws {
        let folder = try ServerFixtures.folder()
        let app = try buildApplication(Self.configuration(folder, store: nil), trapSIGHUP: false)
        try await app.test(.router) { client in
            let (status, error) = try await Self.get(client, "/v1/records/certification/r-1")
            #expect(status == .notFound && Self.code(error) == "no-store")
            #expect(try await Self.get(client, "/readyz").0 == .ok)
            // The policy page offers no look-up.
            let page = try await client.execute(uri: "/policies/certification", method: .get)
            #expect(!String(buffer: page.body).contains("look-up"))
        }
    }

    @Test func aMalformedStoreURLStopsTheStart() throws {
        let folder = try ServerFixtures.folder()
        #expect(throws: ServerSetupError.self) { _ = try buildApplication(Self.configuration(folder, store: "mysql://x"), trapSIGHUP: false) }
        var sweeping = Self.configuration(folder, store: nil)
        sweeping.sweepEvery = .seconds(60)
        #expect(throws: ServerSetupError.self) { _ = try buildApplication(sweeping, trapSIGHUP: false) }
    }

    @Test func readinessWaitsForAReachableInitializedStore() async throws {
        let folder = try ServerFixtures.folder()
        // Nothing listens on port 1 of loopback: the database is unreachable.
        var unreachable = Self.configuration(folder, store: "postgres://statute@127.0.0.1:1/statute")
        unreachable.storeBusyTimeout = 1
        try await buildApplication(unreachable, trapSIGHUP: false).test(.router) { client in
            let (status, body) = try await Self.get(client, "/readyz")
            #expect(status == .serviceUnavailable)
            #expect(body?["waiting_for"] == .array([.string("store")]))
            let (routeStatus, error) = try await Self.get(client, "/v1/records/certification/r-1")
            #expect(routeStatus == .serviceUnavailable && Self.code(error) == "store-unavailable")
            #expect(try await Self.get(client, "/healthz").0 == .ok)
        }
        // An SQLite file without the ledger's schema: not ready, and the answer says what to run.
        let bare = "sqlite:" + folder.appendingPathComponent("bare.db").path
        try await buildApplication(Self.configuration(folder, store: bare), trapSIGHUP: false).test(.router) { client in
            let (status, body) = try await Self.get(client, "/readyz")
            #expect(status == .serviceUnavailable)
            #expect(ServerFixtures.string(body?["store"])?.contains("statute ledger init") == true)
        }
        await #expect(throws: ServerSetupError.self) {
            try await RecordsSetup.precheck(Self.configuration(folder, store: bare))
        }
    }

    @Test(arguments: RecordStoreKind.all)
    func theSweeperAppliesDateDrivenChangesOnItsPeriod(_ kind: RecordStoreKind) async throws {
        let folder = try ServerFixtures.folder()
        let today = DateHolder(CalendarDate(iso: "2026-02-20")!)
        var configuration = Self.configuration(folder, store: try await kind.make(folder))
        configuration.today = { today.date.withLock { $0 } }
        configuration.sweepEvery = .milliseconds(100)
        let app = try buildApplication(configuration, trapSIGHUP: false)
        try await app.test(.live) { client in
            let record = #"{"id": "c-1", "status": "active", "facts": {"completed_on": "2025-03-01", "expires_on": "2026-03-01"}}"#
            #expect(try await Self.post(client, "/v1/records/certification", record).0 == .created)
            today.date.withLock { $0 = CalendarDate(iso: "2026-03-05")! }
            var status: String?
            for _ in 0..<100 {
                status = ServerFixtures.string(try await Self.get(client, "/v1/records/certification/c-1").1?["status"])
                if status == "expired" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(status == "expired")
            let (_, shown) = try await Self.get(client, "/v1/records/certification/c-1")
            guard case .array(let history)? = shown?["history"], let last = history.last else { Issue.record("no history"); return }
            #expect(ServerFixtures.string(last["actor"]) == "system")
            #expect(last["trigger"] == .object([("at", .string("2026-03-01"))]))
            // Later sweeps change nothing more: one history entry for the expiry.
            try await Task.sleep(for: .milliseconds(400))
            guard case .array(let after)? = try await Self.get(client, "/v1/records/certification/c-1").1?["history"] else { return }
            #expect(after.count == history.count)
        }
    }

    @Test func sweepPeriodsAreANumberAndAUnit() {
        #expect((try? SweepPeriod.parse("15m").get()) == .seconds(900))
        #expect((try? SweepPeriod.parse("1d").get()) == .seconds(86_400))
        #expect((try? SweepPeriod.parse("45").get()) == .seconds(45))
        for bad in ["", "0s", "m", "1.5h", "-1h", "2y", "999999999s", "1 h x"] {
            #expect((try? SweepPeriod.parse(bad).get()) == nil, "\(bad)")
        }
    }
}

/// A date the test moves forward while the server runs.
final class DateHolder: Sendable {
    let date: Mutex<CalendarDate>
    init(_ date: CalendarDate) { self.date = Mutex(date) }
}
