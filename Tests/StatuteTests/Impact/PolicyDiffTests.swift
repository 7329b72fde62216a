import Testing
@testable import Statute

/// `statute diff` on two small policies that differ in every way the comparison knows.
@Suite("Policy diff")
struct PolicyDiffTests {
    static func load(_ name: String) throws -> CompiledPolicy {
        let loaded = PolicyLoader.load(contentsOf: Fixtures.url("diff", name).path)
        return try #require(loaded.policy, "\(name) does not load: \(loaded.diagnostics.map(\.description))")
    }

    @Test func everyKindOfChangeIsReportedInWords() throws {
        let diff = PolicyDiff.compare(try Self.load("old.yaml"), try Self.load("new.yaml"))
        #expect(diff.changes.map(\.message) == [
            "status `archived` added (Archived, final)",
            "status `pending`: label changed from “Pending” to “Waiting”",
            "status `closed`: final changed from `true` to `false`",
            "setting `region` added (string?)",
            "setting `grace`: default changed from `5` to `7`",
            "setting `grace`: min changed from `0` to `1`",
            "setting `grace`: max changed from `10` to `30`",
            "setting `tier`: values changed from `'gold', 'silver'` to `'gold', 'silver', 'bronze'`",
            "fact `note` added (string?)",
            "fact `paid`: default changed from `false` to `true`",
            "derived `soon` added (due != null)",
            "derived `late`: expression changed from `due != null && today > due` to `due != null && today >= due`",
            "event `refund` added (Refunded)",
            "effect `welcome` removed (was Welcome)",
            "effect `receipt` added (Receipt)",
            "role `auditor` added",
            "role `manager`: includes removed (was `clerk`)",
            "role `manager`: description added: “Manager”",
            "transition `remind` removed (was automatic from active to pending, when late)",
            "transition `lapse`: from changed from `active` to `active, pending`",
            "transition `lapse`: trigger changed from `at due + days(settings.grace)` to `at due + days(settings.grace + 1)`",
            "transition `pay`: guard changed from `paid` to `paid && settings.tier == 'gold'`",
            "transition `pay`: effects changed from `welcome` to `receipt`",
            "transition `pay`: set due added: `today + months(1)`",
            "transition `settle`: mode changed from `automatic` to `manual`",
            "transition `settle`: trigger changed from `when paid` to `manual`",
            "transition `settle`: roles added: `clerk`",
            "transition `close`: to changed from `closed` to `archived`",
            "transition `close`: roles changed from `manager` to `clerk`",
            "transition `lapse`: priority changed from `2 of 4` to `1 of 4`",
            "transition `pay`: priority changed from `1 of 4` to `2 of 4`",
        ])
    }

    @Test func theOtherWayRoundAdditionsAreRemovals() throws {
        let messages = PolicyDiff.compare(try Self.load("new.yaml"), try Self.load("old.yaml")).changes.map(\.message)
        for expected in ["status `archived` removed (was Archived, final)", "setting `region` removed (was string?)",
                         "fact `note` removed (was string?)", "derived `soon` removed (was due != null)",
                         "event `refund` removed (was Refunded)", "role `auditor` removed", "effect `welcome` added (Welcome)",
                         "transition `remind` added (automatic from active to pending, when late)",
                         "transition `settle`: roles removed (was `clerk`)", "transition `pay`: set due removed (was `today + months(1)`)"] {
            #expect(messages.contains(expected), "missing: \(expected)")
        }
        #expect(messages.count == 31)
    }

    @Test func aPolicyIsTheSameAsItself() throws {
        let policy = try Self.load("old.yaml")
        let diff = PolicyDiff.compare(policy, policy)
        #expect(diff.isEmpty)
        #expect(PolicyDiffRendering.text(diff, old: "a", new: "b") == "No differences between a and b.\n")
        #expect(PolicyDiffRendering.json(diff).rendered() == #"{"same":true,"changes":[]}"#)
    }

    @Test func spacingAndRedundantParenthesesAreNotChanges() throws {
        let a = try Policies.compile(Self.minimal(guardText: "x > 1 && y"))
        let b = try Policies.compile(Self.minimal(guardText: "((x>1)) &&   y"))
        #expect(PolicyDiff.compare(a, b).isEmpty)
    }

    @Test func textCountsFirstAndJSONCarriesTheData() throws {
        let diff = PolicyDiff.compare(try Self.load("old.yaml"), try Self.load("new.yaml"))
        let text = PolicyDiffRendering.text(diff, old: "old.yaml", new: "new.yaml")
        #expect(text.hasPrefix("31 changes from old.yaml to new.yaml, in 3 statuses, 3 settings, 2 facts, 2 derived values, 1 event, 2 effects, 2 roles, 5 transitions:\n"))
        guard case .array(let changes)? = PolicyDiffRendering.json(diff)["changes"] else { Issue.record("no changes array"); return }
        #expect(changes.count == 31)
        #expect(changes[21].rendered() == #"{"change":"changed","subject":"transition","name":"pay","field":"guard","old":"paid","new":"paid && settings.tier == 'gold'","message":"transition `pay`: guard changed from `paid` to `paid && settings.tier == 'gold'`"}"#)
    }

    static func minimal(guardText: String) -> String {
        """
        statute: 1
        name: tiny
        facts:
          x: {type: int, default: 0}
          y: {type: bool, default: false}
        statuses:
          a: {label: A}
          b: {label: B, final: true}
        transitions:
          - id: go
            from: [start, a]
            to: b
            mode: automatic
            when: "true"
            guard: "\(guardText)"
        """
    }
}
