import Testing

@Suite("statute: help, usage errors, check")
struct CLIGeneralTests {
    @Test func help() throws {
        let run = try StatuteBinary.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: statute <subcommand>"))
        for verb in ["check", "eval", "run"] { #expect(run.stdout.contains(verb)) }
        let eval = try StatuteBinary.run(["eval", "--help"])
        #expect(eval.status == 0)
        #expect(eval.stdout.contains("--policy"))
    }

    @Test(arguments: [["bogus"], ["eval"], ["eval", "--policy", "membership.yaml", "--event", "pay", "--set", "active", "--as", "staff"],
                      ["eval", "--policy", "membership.yaml", "--set", "active"], ["eval", "--policy", "membership.yaml", "--today", "2026-02-30"],
                      ["check", "--format", "xml"]])
    func usageErrorsExit2(arguments: [String]) throws {
        let run = try StatuteBinary.run(arguments)
        #expect(run.status == 2)
        #expect(!run.stderr.isEmpty)
        #expect(run.stdout.isEmpty)
    }

    @Test func missingFilesExit2() throws {
        let eval = try StatuteBinary.run(["eval", "--policy", "nope.yaml"])
        #expect(eval.status == 2)
        #expect(eval.stderr.contains("error[unreadable-file]: no such file `nope.yaml`"))
        #expect(try StatuteBinary.run(["check", "nope"]).status == 2)
        #expect(try StatuteBinary.run(["run", "--policy", "membership.yaml", "--today", "2026-03-01", "nope.jsonl"]).status == 2)
    }

    @Test func checkGoodPolicyPasses() throws {
        let run = try StatuteBinary.run(["check", "membership.yaml"])
        #expect(run.stdout.hasSuffix("ok: 1 file checked, no problems\n"))
        #expect(run.status == 0)
    }

    @Test func checkReportsEveryProblemRustcStyle() throws {
        let run = try StatuteBinary.run(["check", "broken.yaml", "notes.yaml"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "broken.yaml:8:9: error[unknown-status]: unknown status `closd`")
        #expect(lines.contains("8 |     to: closd"))
        #expect(lines.contains("  |         ^^^^^"))
        #expect(run.stdout.contains("broken.yaml:10:9: error[unknown-role]: unknown role `staff`"))
        #expect(run.stdout.contains("notes.yaml:1:1: error[not-a-policy]"))
        #expect(lines.dropLast().last == "error: 3 errors in 2 files")
    }

    @Test func checkJSONAndGitHub() throws {
        let json = try StatuteBinary.run(["check", "broken.yaml", "--format", "json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains(#""code": "unknown-status""#))
        #expect(json.stdout.contains(#""errors": 2"#))
        let github = try StatuteBinary.run(["check", "broken.yaml", "--format", "github"])
        #expect(github.stdout.hasPrefix("::error file=broken.yaml,line=8,col=9,endLine=8,endColumn=14::unknown status `closd` [unknown-status]\n"))
    }

    @Test func checkRecognisesTestFiles() throws {
        let run = try StatuteBinary.run(["check", "membership.yaml", "membership.test.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout == "ok: 2 files checked, no problems\n")
    }

    @Test func checkWithoutPathsReadsPolicies() throws {
        let run = try StatuteBinary.run(["check"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("`policies/`"))
    }

    @Test func checkFolderFindsYAMLBelowItSorted() throws {
        let run = try StatuteBinary.run(["check", "."])
        #expect(run.status == 1)
        let headers = run.stdout.split(separator: "\n").filter { $0.contains(": error[") }.map { $0.split(separator: ":")[0] }
        #expect(headers == ["./broken.yaml", "./broken.yaml", "./notes.yaml"])
    }
}
