import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What a new user meets: the hints of `--setting`, `check` outside a project, `timeline
/// --event`, tests not run, hidden folders, overlapping manual transitions — and a `run`
/// killed mid-stream on a pipe.
@Suite("statute: papercuts and a killed run on a pipe")
struct CLIPapercutTests {
    static let membership = StatuteBinary.fixtures.appendingPathComponent("membership.yaml")

    @Test func anUnknownSettingGetsADidYouMeanAndTheList() throws {
        let run = try StatuteBinary.run(["eval", "--policy", Self.membership.path, "--setting", "grace=3", "--today", "2026-03-01"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown setting `grace`"), "\(run.stderr)")
        #expect(run.stderr.contains("did you mean `grace_days`?"), "\(run.stderr)")
        #expect(run.stderr.contains("the settings are `grace_days`"), "\(run.stderr)")
        let far = try StatuteBinary.run(["eval", "--policy", Self.membership.path, "--setting", "zzz=3", "--today", "2026-03-01"])
        #expect(far.stderr.contains("the settings are `grace_days`"), "\(far.stderr)")
    }

    @Test(arguments: ["check", "test"])
    func withNoPathOutsideAProjectTheErrorSaysPoliciesIsTheDefault(command: String) throws {
        let folder = try StatuteBinary.scratchFolder()
        let run = try StatuteBinary.run([command], in: folder, timeout: 30)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no `policies/` folder here"), "\(run.stderr)")
        #expect(run.stderr.contains("with no PATH, `statute \(command)` reads `policies/`"), "\(run.stderr)")
        #expect(run.stderr.contains("`statute \(command) loans.yaml`"), "\(run.stderr)")
    }

    @Test func timelineTakesAnEventAsEvalDoes() throws {
        let run = try StatuteBinary.run(["timeline", "--policy", Self.membership.path, "--event", "pay", "--fact", "paid=true",
                                         "--fact", "renewal_on=2026-06-01", "--today", "2026-03-01", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""transition": "pay""#), "\(run.stdout)")
        #expect(run.stdout.contains(#""transition": "lapse""#), "\(run.stdout)")
        let unknown = try StatuteBinary.run(["timeline", "--policy", Self.membership.path, "--event", "pya", "--today", "2026-03-01"])
        #expect(unknown.status == 2, "\(unknown.stdout)")
    }

    @Test func theSummaryCountsAndNamesTestsNotRun() throws {
        let folder = try StatuteBinary.scratchFolder()
        try FileManager.default.copyItem(at: Self.membership, to: folder.appendingPathComponent("membership.yaml"))
        try """
            policy: membership.yaml
            today: 2026-03-01
            tests:
              - name: paying activates
                facts: {paid: true}
                event: pay
                expect: {status: active}
              - name: a test with a typo
                facts: {payd: true}
                event: pay
                expect: {status: active}
            """.write(to: folder.appendingPathComponent("membership.test.yaml"), atomically: true, encoding: .utf8)
        let run = try StatuteBinary.run(["test", "membership.test.yaml"], in: folder, timeout: 30)
        #expect(run.status == 1)
        #expect(run.stdout.contains("1 passed, 0 failed, 1 not run: a test with a typo"), "\(run.stdout)")
    }

    @Test(arguments: ["check", "test"])
    func aHiddenCopyIsSkippedByCheckAndTest(command: String) throws {
        let folder = try StatuteBinary.scratchFolder()
        try FileManager.default.copyItem(at: Self.membership, to: folder.appendingPathComponent("membership.yaml"))
        try FileManager.default.copyItem(at: StatuteBinary.fixtures.appendingPathComponent("membership.test.yaml"),
                                         to: folder.appendingPathComponent("membership.test.yaml"))
        let scratch = folder.appendingPathComponent(".scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try "statute: 1\nname: broken\nstatuses: [oops\n".write(to: scratch.appendingPathComponent("membership.yaml"),
                                                              atomically: true, encoding: .utf8)
        let run = try StatuteBinary.run([command, "."], in: folder, timeout: 60)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains(".scratch") && !run.stderr.contains(".scratch"))
    }

    @Test func overlappingManualTransitionsRaiseAWarningThatCanBeAcknowledged() throws {
        let folder = try StatuteBinary.scratchFolder()
        let text = try String(contentsOf: Self.membership, encoding: .utf8)
        let overlapping = text + """
              - id: fast-approve
                from: pending
                to: active
                mode: manual
                by: admin

            """
        try overlapping.write(to: folder.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        let run = try StatuteBinary.run(["check", "policy.yaml", "--strict"], in: folder, timeout: 30)
        #expect(run.status == 1)
        #expect(run.stdout.contains("warning[manual-overlap]"), "\(run.stdout)")
        #expect(run.stdout.contains("`approve` and `fast-approve` both lead from `pending` to `active` for `admin`"), "\(run.stdout)")
        #expect(run.stdout.contains("acknowledge: {manual-overlap:"), "\(run.stdout)")
        // Exclusive guards, or roles apart, are no overlap.
        let apart = text + """
              - id: fast-approve
                from: pending
                to: active
                mode: manual
                by: admin
                guard: score < 3

            """
        try apart.write(to: folder.appendingPathComponent("apart.yaml"), atomically: true, encoding: .utf8)
        let clean = try StatuteBinary.run(["check", "apart.yaml", "--strict"], in: folder, timeout: 30)
        #expect(!clean.stdout.contains("manual-overlap"), "\(clean.stdout)")
        // Acknowledged on the later transition, it no longer fails --strict.
        try (overlapping.trimmingCharacters(in: .newlines) + "\n    acknowledge: {manual-overlap: \"admins skip the score\"}\n")
            .write(to: folder.appendingPathComponent("acknowledged.yaml"), atomically: true, encoding: .utf8)
        let acknowledged = try StatuteBinary.run(["check", "acknowledged.yaml", "--strict"], in: folder, timeout: 30)
        #expect(acknowledged.status == 0, "\(acknowledged.stdout)")
    }

    /// `statute run` killed with SIGKILL while it writes to a pipe, a hundred times: every
    /// line the reader gets is whole JSON, and what it gets ends with a newline.
    @Test(.timeLimit(.minutes(5)))
    func aRunKilledMidStreamLeavesOnlyWholeLinesOnAPipe() throws {
        guard let binary = StatuteBinary.url else { throw CocoaError(.fileNoSuchFile) }
        let folder = try StatuteBinary.scratchFolder()
        let input = folder.appendingPathComponent("records.jsonl")
        var lines = ""
        for id in 0..<20_000 {
            lines += #"{"id": \#(id), "status": "pending", "facts": {"paid": true, "score": \#(id % 7), "renewal_on": "2026-0\#(1 + id % 9)-1\#(id % 10)"}, "event": "pay"}"# + "\n"
        }
        try lines.write(to: input, atomically: true, encoding: .utf8)
        var generator = SystemRandomNumberGenerator()
        var torn: [String] = []
        var totalLines = 0
        for attempt in 0..<100 {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["run", "--policy", Self.membership.path, "--today", "2026-03-01", "--jobs", "2", input.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            try? pipe.fileHandleForWriting.close()
            let reader = pipe.fileHandleForReading
            // Read slowly, so that `run` is often blocked in a write when it is killed.
            let killAfter = Int.random(in: 0...400_000, using: &generator)
            var received: [UInt8] = []
            var killed = false
            while true {
                if !killed, received.count >= killAfter {
                    kill(process.processIdentifier, SIGKILL)
                    killed = true
                }
                let chunk = reader.readData(ofLength: killed ? 65536 : 1000 + attempt)
                if chunk.isEmpty { break }
                received += chunk
            }
            process.waitUntilExit()
            guard !received.isEmpty else { continue }
            if received.last != UInt8(ascii: "\n") {
                torn.append("attempt \(attempt): the output ends without a newline after \(received.count) bytes")
                continue
            }
            for line in received.split(separator: UInt8(ascii: "\n")) {
                totalLines += 1
                if (try? JSONSerialization.jsonObject(with: Data(line))) == nil {
                    torn.append("attempt \(attempt): not whole JSON: \(String(decoding: line.prefix(120), as: UTF8.self))")
                    break
                }
            }
        }
        #expect(torn.isEmpty, "\(torn.count) torn outputs, first: \(torn.first ?? "")")
        #expect(totalLines > 1000, "too few lines were read to tell: \(totalLines)")
    }
}
