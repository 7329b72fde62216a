import Testing

@Suite("statute eval and run")
struct CLIEvalRunTests {
    static let policy = ["--policy", "membership.yaml", "--today", "2026-03-01"]

    @Test func eventChangesTheRecord() throws {
        let run = try StatuteBinary.run(["eval"] + Self.policy + ["--event", "pay", "--fact", "paid=true", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            {
              "status": "active",
              "previous": null,
              "outcome": "changed",
              "steps": [
                {
                  "transition": "pay",
                  "from": null,
                  "to": "active",
                  "mode": "automatic",
                  "trigger": "event"
                }
              ],
              "effects": [
                "welcome_email"
              ],
              "set": {},
              "next": null
            }

            """)
    }

    @Test func ignoredEventHasAReason() throws {
        let run = try StatuteBinary.run(["eval"] + Self.policy + ["--status", "pending", "--event", "pay", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains(#""outcome": "ignored""#))
        #expect(run.stdout.contains(#""reason": "event `pay` was ignored"#))
    }

    @Test func rejectedManualRequestExits1() throws {
        let run = try StatuteBinary.run(["eval"] + Self.policy + ["--status", "pending", "--set", "active", "--as", "staff",
                                                                  "--fact", "score=2", "--format", "json", "--explain"])
        #expect(run.status == 1)
        #expect(run.stdout.contains(#""outcome": "rejected""#))
        #expect(run.stdout.contains(#""reason": "#))
        #expect(run.stdout.contains(#""explain": ["#))
        let text = try StatuteBinary.run(["eval"] + Self.policy + ["--status", "pending", "--set", "active", "--as", "staff", "--fact", "score=2"])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("Rejected: the record stays Pending (pending)\nReason: "))
    }

    @Test func manualRequestWithSetAndNext() throws {
        let run = try StatuteBinary.run(["eval"] + Self.policy + ["--status", "lapsed", "--set", "active", "--as", "admin", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains(#""set": {\#n    "renewal_on": "2027-03-01"\#n  }"#))
        #expect(run.stdout.contains(#""next": {\#n    "transition": "lapse",\#n    "to": "lapsed",\#n    "date": "2027-03-01"\#n  }"#))
    }

    @Test func atTransitionAndSettings() throws {
        let due = try StatuteBinary.run(["eval"] + Self.policy + ["--status", "active", "--fact", "renewal_on=2026-02-20", "--format", "json"])
        #expect(due.stdout.contains(#""outcome": "changed""#))
        let grace = try StatuteBinary.run(["eval"] + Self.policy + ["--status", "active", "--fact", "renewal_on=2026-02-20",
                                                                    "--setting", "grace_days=30", "--format", "json"])
        #expect(grace.stdout.contains(#""outcome": "unchanged""#))
        #expect(grace.stdout.contains(#""date": "2026-03-22""#))
    }

    @Test func optionsListsManualTransitions() throws {
        let run = try StatuteBinary.run(["eval"] + Self.policy + ["--status", "pending", "--options", "--as", "staff", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains(#""transition": "approve""#))
        #expect(run.stdout.contains(#""allowed": false"#))
    }

    @Test(arguments: [(["--fact", "score=high"], "`score`"), (["--fact", "scor=1"], "unknown fact `scor`"),
                      (["--fact", "renewal_on=2026-02-30"], "`renewal_on`"), (["--status", "actve"], "unknown status `actve`"),
                      (["--setting", "grace_days=-1"], "`grace_days`")])
    func invalidInputExits2NamingIt(arguments: [String], named: String) throws {
        let run = try StatuteBinary.run(["eval"] + Self.policy + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(named))
        #expect(run.stdout.isEmpty)
    }

    @Test func invalidPolicyExits2() throws {
        let run = try StatuteBinary.run(["eval", "--policy", "broken.yaml", "--today", "2026-03-01"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("broken.yaml:8:9: error[unknown-status]"))
    }

    @Test func runKeepsEveryLineInOrder() throws {
        let run = try StatuteBinary.run(["run"] + Self.policy + ["records.jsonl"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.map { $0.prefix(12) } == [#"{"id":"a","s"#, #"{"id":"b","s"#, #"{"id":"c","l"#, #"{"id":null,""#,
                                                #"{"id":4,"sta"#, #"{"id":"e","s"#])
        #expect(lines[2].contains(#""line":4,"error":{"code":"invalid-date""#))
        #expect(lines[3].contains(#""line":5"#))
        #expect(run.stderr == "6 records: 2 changed, 1 unchanged, 1 ignored, 2 errors\n")
    }

    @Test func runReadsStdinAndFiltersChanged() throws {
        let input = #"{"id": 1, "status": "active"}"# + "\n" + #"{"id": 2, "status": "pending", "facts": {"paid": true}, "event": "pay"}"#
        let run = try StatuteBinary.run(["run"] + Self.policy + ["-", "--changed-only"], input: input)
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stdout.hasPrefix(#"{"id":2,"status":"active""#))
        #expect(run.stderr == "2 records: 1 changed, 1 unchanged, 0 ignored, 0 errors\n")
    }

    @Test func runSurvivesHostileLines() throws {
        let input = [String(repeating: "[", count: 10_000), "\u{1}\u{2}", "{\"id\": \"x\", \"facts\": {\"paid\": {\"a\": 1}}}", "42"]
            .joined(separator: "\n") + "\n"
        let run = try StatuteBinary.run(["run"] + Self.policy, input: input)
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 4)
        #expect(run.stderr.contains("4 errors"))
    }

    @Test func evalColoursItsHeadlineOnlyWhenAsked() throws {
        let base = ["eval"] + Self.policy + ["--status", "pending", "--set", "active", "--as", "staff"]
        let always = try StatuteBinary.run(base + ["--color", "always"])
        #expect(always.status == 1)
        #expect(always.stdout.hasPrefix("\u{1B}[1;31m"))
        let never = try StatuteBinary.run(base + ["--color", "never"])
        #expect(!never.stdout.contains("\u{1B}"))
        // Captured output (not a terminal) is plain by default.
        #expect(try StatuteBinary.run(base).stdout == never.stdout)
    }
}
