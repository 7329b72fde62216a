import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Statute
import Testing
@testable import StatuteServer

/// `statute users add` and `statute serve --store --sweep-every --users` as a person runs them:
/// the built binary, real files, a real socket, exit statuses.
@Suite(.serialized) struct RecordsProcessTests {
    /// Runs `statute arguments…` to its end: exit status, stdout, stderr.
    static func statute(_ arguments: [String], input: String = "") throws -> (Int32, String, String) {
        guard let binary = ServerProcess.binary else { throw ServerProcessError("the statute binary was not found; build it first") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inURL = folder.appendingPathComponent("in"), outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        try input.write(to: inURL, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
    }

    @Test func usersAddPrintsTheTokenOnceAndRefusesAName() throws {
        let folder = try ServerFixtures.folder()
        let file = folder.appendingPathComponent("users.yaml").path
        let (status, out, err) = try Self.statute(["users", "add", "Ann Clerk", "--role", "staff", "--file", file])
        #expect(status == 0, "\(err)")
        let token = out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(PersonalToken(parsing: token) != nil)
        #expect(try People.read(contentsOf: file).get().person(token: token)?.name == "Ann Clerk")
        #expect(!(try String(contentsOfFile: file, encoding: .utf8)).contains(token))
        let (again, _, message) = try Self.statute(["users", "add", "Ann Clerk", "--role", "admin", "--file", file])
        #expect(again == 2 && message.contains("already"))
        let (badRole, _, _) = try Self.statute(["users", "add", "Bo", "--role", "", "--file", file])
        #expect(badRole == 2)
    }

    @Test func serveRefusesAStoreItCannotUseAndNamesTheFix() throws {
        let folder = try ServerFixtures.folder()
        let (malformed, _, first) = try Self.statute(["serve", "--policy", folder.path, "--port", "0", "--store", "mysql://db/x"])
        #expect(malformed == 2 && first.contains("sqlite:PATH"))
        let bare = "sqlite:" + folder.appendingPathComponent("bare.db").path
        let (uninitialized, _, second) = try Self.statute(["serve", "--policy", folder.path, "--port", "0", "--store", bare])
        #expect(uninitialized == 2 && second.contains("statute ledger init"))
        let (noStore, _, third) = try Self.statute(["serve", "--policy", folder.path, "--port", "0", "--sweep-every", "1h"])
        #expect(noStore == 2 && third.contains("--store"))
        let (badPeriod, _, fourth) = try Self.statute(["serve", "--policy", folder.path, "--port", "0", "--store", bare, "--sweep-every", "soon"])
        #expect(badPeriod == 2 && fourth.contains("--sweep-every"))
    }

    @Test func aServerWithAStoreAndPeopleServesRecordsAndStopsCleanly() async throws {
        let folder = try ServerFixtures.folder()
        let store = "sqlite:" + folder.appendingPathComponent("ledger.db").path
        #expect(try Self.statute(["ledger", "init", "--store", store]).0 == 0)
        // Beside the policies' folder, not in it: every YAML file there is read as a policy.
        let users = folder.deletingLastPathComponent().appendingPathComponent("users-\(UUID().uuidString).yaml").path
        let token = try Self.statute(["users", "add", "Ann Clerk", "--role", "staff", "--file", users]).1
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(["--policy", folder.path, "--store", store, "--sweep-every", "1h", "--users", users])
        try await server.client { client in
            let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            #expect(try await client.get("/readyz").status == .ok)
            let created = try await client.post("/v1/records/certification", headers: headers,
                                                   body: ByteBuffer(string: #"{"id": "p-1", "status": "in_progress"}"#))
            #expect(created.status == .created)
            let applied = try await client.post("/v1/records/certification/p-1/apply", headers: headers,
                                                   body: ByteBuffer(string: #"{"set": "inactive", "reason": "paused"}"#))
            #expect(applied.status == .ok)
            #expect(try await client.get("/v1/records/certification/p-1").status == .unauthorized)
        }
        #expect(server.stop() == 0)
        // The change is in the store, with her name, for `statute ledger show`.
        let (status, shown, _) = try Self.statute(["ledger", "show", "--store", store, "--policy", "certification", "p-1", "--format", "json"])
        #expect(status == 0)
        let record = try JSONReader.parse(Array(shown.utf8)).get()
        guard case .array(let history)? = record["history"], let last = history.last else { Issue.record("no history"); return }
        #expect(last["actor"] == .string("Ann Clerk") && last["as"] == .string("staff") && last["reason"] == .string("paused"))
    }
}
