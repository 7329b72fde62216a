import Foundation
import StatuteLedger
import Testing

/// `statute ledger …` end to end through the built binary: the commands, their JSON, their
/// exit statuses, and delivery by `--exec`.
@Suite("statute ledger (CLI)", .serialized)
struct LedgerCLITests {
    static let policy = LedgerFixtures.certification.path

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").map { json(String($0)) }
    }

    /// A folder with an initialized store named by `STATUTE_STORE`.
    static func prepared() async throws -> (URL, [String: String]) {
        let folder = try LedgerFixtures.folder("cli")
        let environment = ["STATUTE_STORE": "sqlite:" + folder.appendingPathComponent("s.db").path]
        let done = try await StatuteProcess.run(["ledger", "init"], in: folder, environment: environment)
        try #require(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("schema version 1"))
        return (folder, environment)
    }

    @Test("import, sweep, show, export and outbox: the documented JSON shapes and exit statuses")
    func roundTrip() async throws {
        let (folder, environment) = try await Self.prepared()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = """
            {"id":"ann","status":"active","facts":{"completed_on":"2025-03-10","program.expires_after_months":12}}
            {"id":"bob","status":"in_progress","facts":{"components.required":2,"components.completed":2}}

            {"id":"ann"}
            not json
            """
        let imported = try await StatuteProcess.run(["ledger", "import", "--policy", Self.policy, "--today", "2026-03-01"],
                                              in: folder, input: records, environment: environment)
        #expect(imported.status == 1)
        let answers = Self.jsonLines(imported.stdout)
        #expect(answers.count == 4)
        #expect(answers[0]["id"] as? String == "ann" && answers[0]["version"] as? Int == 1 && answers[0]["status"] as? String == "active")
        #expect((answers[0]["next"] as? [String: Any])?["date"] as? String == "2026-03-10")
        #expect(answers[1]["status"] as? String == "active" && (answers[1]["effects"] as? [String]) == ["issue_certificate"])
        #expect((answers[2]["error"] as? [String: Any])?["code"] as? String == "duplicate-record" && answers[2]["line"] as? Int == 4)
        #expect((answers[3]["error"] as? [String: Any])?["code"] as? String == "invalid-json" && answers[3]["line"] as? Int == 5)

        let sweep = try await StatuteProcess.run(["ledger", "sweep", "--policy", Self.policy, "--today", "2026-03-15", "--format", "json"],
                                           in: folder, environment: environment)
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let summary = Self.json(sweep.stdout)
        #expect(summary["today"] as? String == "2026-03-15" && summary["examined"] as? Int == 1 && summary["changed"] as? Int == 1)
        #expect((summary["policy"] as? [String: Any])?["name"] as? String == "certification")
        #expect(((summary["policy"] as? [String: Any])?["digest"] as? String)?.hasPrefix("sha256:") == true)
        #expect((summary["transitions"] as? [String: Int]) == ["expire": 1])
        #expect((summary["errors"] as? [Any])?.isEmpty == true)

        let show = try await StatuteProcess.run(["ledger", "show", "--policy", "certification", "ann", "--format", "json"],
                                          in: folder, environment: environment)
        #expect(show.status == 0)
        let shown = Self.json(show.stdout)
        #expect(shown["status"] as? String == "expired" && shown["version"] as? Int == 2)
        #expect(shown.keys.sorted() == ["facts", "history", "id", "next_due", "policy", "status", "version"])
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.count == 1)
        #expect(history[0]["seq"] as? Int == 1 && history[0]["from"] as? String == "active" && history[0]["to"] as? String == "expired")
        #expect((history[0]["trigger"] as? [String: String]) == ["at": "2026-03-10"] && history[0]["today"] as? String == "2026-03-15")
        #expect(history[0]["actor"] as? String == "system" && history[0]["transition"] as? String == "expire")
        #expect((history[0]["at"] as? String)?.hasSuffix("Z") == true)
        #expect(((history[0]["policy"] as? [String: Any])?["digest"] as? String)?.hasPrefix("sha256:") == true)

        let missing = try await StatuteProcess.run(["ledger", "show", "--policy", Self.policy, "nobody"], in: folder, environment: environment)
        #expect(missing.status == 2 && missing.stderr.contains("no record `nobody`"))

        let export = try await StatuteProcess.run(["ledger", "export", "--policy", "certification"], in: folder, environment: environment)
        let exported = Self.jsonLines(export.stdout)
        #expect(exported.map { $0["id"] as? String } == ["ann", "bob"])
        #expect(exported.allSatisfy { $0.keys.sorted() == ["facts", "id", "status"] })
        // What export writes, `run` reads.
        let exportFile = folder.appendingPathComponent("export.jsonl")
        try export.stdout.write(to: exportFile, atomically: true, encoding: .utf8)
        let run = try await StatuteProcess.run(["run", "--policy", Self.policy, "--today", "2026-03-15", exportFile.path], in: folder)
        #expect(run.status == 0, "\(run.stderr)")

        let outbox = try await StatuteProcess.run(["ledger", "outbox", "--format", "json"], in: folder, environment: environment)
        let entries = Self.jsonLines(outbox.stdout)
        #expect(entries.count == 1)
        #expect(entries.first?.keys.sorted() == ["attempts", "effect", "key", "payload", "policy", "record", "state", "today", "transition"])
        #expect(entries.first?["effect"] as? String == "issue_certificate" && entries.first?["state"] as? String == "pending")
        #expect(((entries.first?["payload"] as? [String: Any])?["status"] as? String) == "active")
    }

    @Test("show as text: each trigger in words, and no control character from a request reaches the terminal")
    func showText() async throws {
        let (folder, environment) = try await Self.prepared()
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = #"{"id":"ann","status":"active","facts":{"completed_on":"2025-03-10","program.expires_after_months":12}}"#
        _ = try await StatuteProcess.run(["ledger", "import", "--policy", Self.policy, "--today", "2026-03-01"], in: folder,
                                   input: record, environment: environment)
        _ = try await StatuteProcess.run(["ledger", "sweep", "--policy", Self.policy, "--today", "2026-03-15"], in: folder,
                                   environment: environment)
        let request = #"{"id":"ann","set":"cancelled","as":"staff","actor":"dana","reason":"left \u001b[31mthe field"}"#
        let applied = try await StatuteProcess.run(["ledger", "apply", "--policy", Self.policy, "--today", "2026-03-16"], in: folder,
                                             input: request, environment: environment)
        #expect(applied.status == 0, "\(applied.stdout) \(applied.stderr)")
        let show = try await StatuteProcess.run(["ledger", "show", "--policy", "certification", "ann"], in: folder, environment: environment)
        #expect(show.status == 0)
        #expect(show.stdout.contains("active → expired by expire (due 2026-03-10), actor system"), "\(show.stdout)")
        #expect(show.stdout.contains("expired → cancelled by cancel (manual request), actor dana as staff, reason: left \\u001B[31mthe field"),
                "\(show.stdout)")
        #expect(!show.stdout.unicodeScalars.contains("\u{1B}"))
    }

    @Test("deliver --exec: each entry once with its key; failures back off, die after --max-attempts, and --retry-dead revives them")
    func deliverByExec() async throws {
        let (folder, environment) = try await Self.prepared()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = (1...6).map { #"{"id":"c\#($0)","status":"in_progress","facts":{"components.required":1,"components.completed":1}}"# }
        let imported = try await StatuteProcess.run(["ledger", "import", "--policy", Self.policy, "--today", "2026-03-01"], in: folder,
                                              input: records.joined(separator: "\n"), environment: environment)
        #expect(imported.status == 0)

        let failing = try await StatuteProcess.run(["ledger", "deliver", "--exec", "echo refused >&2; exit 3", "--once",
                                              "--max-attempts", "2", "--backoff", "0"], in: folder, environment: environment)
        #expect(failing.status == 1)
        let dead = Self.jsonLines(try await StatuteProcess.run(["ledger", "outbox", "--state", "dead", "--format", "json"], in: folder,
                                                         environment: environment).stdout)
        #expect(dead.count == 6)
        #expect(dead.allSatisfy { $0["attempts"] as? Int == 2 && ($0["last_error"] as? String)?.contains("status 3: refused") == true })

        // --retry-dead puts them back: here to fail once more and die again, at one attempt.
        let revived = try await StatuteProcess.run(["ledger", "deliver", "--exec", "exit 5", "--once", "--retry-dead", "--max-attempts", "1"],
                                             in: folder, environment: environment)
        #expect(revived.status == 1 && revived.stderr.contains("6 dead entries put back"))
        let deadAgain = Self.jsonLines(try await StatuteProcess.run(["ledger", "outbox", "--state", "dead", "--format", "json"], in: folder,
                                                              environment: environment).stdout)
        #expect(deadAgain.count == 6 && deadAgain.allSatisfy { $0["attempts"] as? Int == 1 && ($0["last_error"] as? String)?.contains("status 5") == true })

        // Two deliverers at once: every entry delivered exactly once, with its key in the environment.
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.db").path)
        #expect(try await store.retryDead(now: Date()) == 6)
        try await store.close()
        let receiver = folder.appendingPathComponent("received")
        let command = #"read -r line; echo "$STATUTE_IDEMPOTENCY_KEY $STATUTE_EFFECT $STATUTE_RECORD" >> '\#(receiver.path)'; sleep 0.05"#
        let both = try (0..<2).map { index in
            try StatuteProcess.start(["ledger", "deliver", "--exec", command, "--once", "--jobs=\(index + 1)"],
                                     in: folder, tag: "deliver\(index)", environment: environment)
        }
        for (process, _, _) in both { await StatuteProcess.wait(process) }
        let lines = try String(contentsOf: receiver, encoding: .utf8).split(separator: "\n")
        let delivered = Self.jsonLines(try await StatuteProcess.run(["ledger", "outbox", "--state", "delivered", "--format", "json"],
                                                              in: folder, environment: environment).stdout)
        #expect(delivered.count == 6)
        #expect(Set(lines.map { String($0.split(separator: " ")[0]) }) == Set(delivered.compactMap { $0["key"] as? String }))
        #expect(lines.count == 6, "each entry handed over once: \(lines)")
        #expect(lines.allSatisfy { $0.contains(" issue_certificate c") })
    }

    @Test("impact --store reads the stored records: the same report as impact --records on their export")
    func impactFromStore() async throws {
        let (folder, environment) = try await Self.prepared()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = LedgerFixtures.activeRecords(60).joined(separator: "\n")
        #expect(try await StatuteProcess.run(["ledger", "import", "--policy", Self.policy, "--today", "2026-03-01"], in: folder,
                                       input: records, environment: environment).status == 0)
        let exportFile = folder.appendingPathComponent("export.jsonl")
        try await StatuteProcess.run(["ledger", "export", "--policy", "certification"], in: folder, environment: environment)
            .stdout.write(to: exportFile, atomically: true, encoding: .utf8)
        let common = ["impact", "--policy", Self.policy, "--candidate-setting", "expiring_notice_days=30",
                      "--today", "2026-03-01", "--until", "2026-04-30", "--format", "json"]
        let fromStore = try await StatuteProcess.run(common + ["--store", environment["STATUTE_STORE"]!], in: folder)
        let fromFile = try await StatuteProcess.run(common + ["--records", exportFile.path], in: folder)
        #expect(fromStore.status == 1 && fromFile.status == 1, "\(fromStore.stderr)")
        #expect(Self.json(fromStore.stdout)["records"] as? Int == 60)
        #expect(fromStore.stdout == fromFile.stdout)
        let neither = try await StatuteProcess.run(Array(common.dropLast(2)), in: folder)
        #expect(neither.status == 2 && neither.stderr.contains("--records FILE or --store URL"))
    }

    @Test("bad stores: a malformed URL, a store never initialized, a file that is not a store — each one line and exit 2")
    func badStores() async throws {
        let folder = try LedgerFixtures.folder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = folder.appendingPathComponent("garbage.db")
        try Data("this is not a database, and it is longer than a header would be......................................".utf8)
            .write(to: garbage)
        for (store, words) in [("mysql://x", "sqlite:PATH"), ("sqlite:" + folder.appendingPathComponent("new.db").path, "ledger init"),
                               ("sqlite:" + garbage.path, "not a usable SQLite store")] {
            let run = try await StatuteProcess.run(["ledger", "outbox", "--store", store], in: folder)
            #expect(run.status == 2)
            #expect(run.stderr.contains(words), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }

    @Test("every ledger command has --help")
    func help() async throws {
        let folder = try LedgerFixtures.folder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in ["init", "import", "apply", "sweep", "show", "export", "outbox", "deliver"] {
            let run = try await StatuteProcess.run(["ledger", command, "--help"], in: folder)
            #expect(run.status == 0 && run.stdout.contains("--store"), "ledger \(command)")
        }
    }
}
