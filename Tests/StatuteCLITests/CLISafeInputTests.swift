import Foundation
import Testing

/// What a file may make `statute` read, and what is never quoted (SPEC §6).
@Suite("statute: how far files reach, FIFOs, bad numbers")
struct CLISafeInputTests {
    /// A file that is not a policy, standing in for `/etc/passwd` or a secrets file.
    static let secret = "root:x:0:0: {api_token: hunter2-secret}\nsecret_key: hunter2-secret\n"

    @Test(arguments: ["text", "json", "junit"])
    func aTestFileCannotReachOutsideItsFolder(format: String) throws {
        let folder = try StatuteBinary.scratchFolder()
        let tests = folder.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
        try Self.secret.write(to: folder.appendingPathComponent("secret.yaml"), atomically: true, encoding: .utf8)
        try "policy: ../../secret.yaml\ntests:\n  - name: t\n".write(to: tests.appendingPathComponent("t.test.yaml"),
                                                                     atomically: true, encoding: .utf8)
        let run = try StatuteBinary.run(["test", "a/b", "--format", format], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("policy-outside-folder"))
        #expect(run.stdout.contains(format == "json" ? #""line": 1"# : "a/b/t.test.yaml:1:9"))
        #expect(!run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"))
        let check = try StatuteBinary.run(["check", "a/b", "--format", format == "junit" ? "json" : format], in: folder)
        #expect(check.stdout.contains("policy-outside-folder"))
    }

    @Test func anAbsolutePathOutsideIsRefusedAtThePolicyLine() throws {
        let folder = try StatuteBinary.scratchFolder()
        try "tests:\n  - name: t\npolicy: /etc/passwd\n".write(to: folder.appendingPathComponent("t.test.yaml"),
                                                             atomically: true, encoding: .utf8)
        let run = try StatuteBinary.run(["test", "t.test.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("t.test.yaml:3:9: error[policy-outside-folder]: the policy `/etc/passwd` is outside"))
        #expect(!run.stdout.contains("root:"))
    }

    @Test func aPolicyGivenOnTheCommandLineMayLieOutside() throws {
        let folder = try StatuteBinary.scratchFolder()
        let tests = folder.appendingPathComponent("tests")
        try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: StatuteBinary.fixtures.appendingPathComponent("membership.yaml"),
                                         to: folder.appendingPathComponent("membership.yaml"))
        let testFile = try String(contentsOf: StatuteBinary.fixtures.appendingPathComponent("membership.test.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "policy: membership.yaml", with: "policy: ../membership.yaml")
        try testFile.write(to: tests.appendingPathComponent("m.test.yaml"), atomically: true, encoding: .utf8)
        #expect(try StatuteBinary.run(["test", "tests"], in: folder).status == 1)
        let allowed = try StatuteBinary.run(["test", "tests", "membership.yaml"], in: folder)
        #expect(allowed.status == 0, "\(allowed.stdout)")
    }

    @Test func aFileThatIsNotAPolicyIsNeverQuoted() throws {
        let folder = try StatuteBinary.scratchFolder()
        try Self.secret.write(to: folder.appendingPathComponent("secret.yaml"), atomically: true, encoding: .utf8)
        try "policy: secret.yaml\ntests:\n  - name: t\n".write(to: folder.appendingPathComponent("t.test.yaml"),
                                                               atomically: true, encoding: .utf8)
        for arguments in [["test", "t.test.yaml"], ["test", "t.test.yaml", "--format", "json"],
                          ["test", "t.test.yaml", "--format", "junit"], ["check", "t.test.yaml", "secret.yaml"],
                          ["check", "secret.yaml", "--format", "github"], ["eval", "--policy", "secret.yaml"],
                          ["docs", "--policy", "secret.yaml"]] {
            let run = try StatuteBinary.run(arguments, in: folder)
            #expect(run.status != 0)
            #expect(!(run.stdout + run.stderr).contains("hunter2"), "\(arguments)")
            #expect(!(run.stdout + run.stderr).contains("root:x"), "\(arguments)")
            #expect((run.stdout + run.stderr).contains("not a policy") || (run.stdout + run.stderr).contains("not-a-policy"),
                    "\(arguments)")
        }
    }

    @Test func aMissingPolicyGivesTheResolvedPathAndADidYouMean() throws {
        let folder = try StatuteBinary.scratchFolder()
        let sub = folder.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: StatuteBinary.fixtures.appendingPathComponent("membership.yaml"),
                                         to: sub.appendingPathComponent("membership.yaml"))
        try "policy: policies/membrship.yaml\ntests:\n  - name: t\n".write(to: folder.appendingPathComponent("t.test.yaml"),
                                                                         atomically: true, encoding: .utf8)
        let run = try StatuteBinary.run(["test", "t.test.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("no such file `policies/membrship.yaml`"))
        #expect(run.stdout.contains("help: did you mean `policies/membership.yaml`?"))
    }

    @Test func aFIFOInAFolderDoesNotHangCheck() throws {
        let folder = try StatuteBinary.scratchFolder()
        try FileManager.default.copyItem(at: StatuteBinary.fixtures.appendingPathComponent("membership.yaml"),
                                         to: folder.appendingPathComponent("membership.yaml"))
        #expect(mkfifo(folder.appendingPathComponent("trap.yaml").path, 0o600) == 0)
        for verb in ["check", "test"] {
            let run = try StatuteBinary.run([verb, "."], in: folder, timeout: 20)
            #expect(!run.timedOut, "`statute \(verb) .` opened the FIFO")
        }
        let check = try StatuteBinary.run(["check", "."], in: folder, timeout: 20)
        #expect(check.stdout == "ok: 1 file checked, no problems\n")
    }

    @Test func aPolicyFromAFIFOOnTheCommandLineStillWorks() throws {
        let folder = try StatuteBinary.scratchFolder()
        let fifo = folder.appendingPathComponent("policy.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = try Data(contentsOf: StatuteBinary.fixtures.appendingPathComponent("membership.yaml"))
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(text)
                try? handle.close()
            }
        }
        writer.start()
        let run = try StatuteBinary.run(["eval", "--policy", fifo, "--today", "2026-03-01"], in: folder, timeout: 20)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("new record"))
    }

    @Test(arguments: ["nan", "-1", "100.5", "inf", "-nan"])
    func aMinimumCoverageOutside0To100IsAUsageError(value: String) throws {
        let run = try StatuteBinary.run(["test", "--min-coverage=\(value)", "membership.test.yaml"], in: StatuteBinary.fixtures)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--min-coverage must be a percentage from 0 to 100"))
    }
}
