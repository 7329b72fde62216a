import Foundation
import Testing
@testable import Statute

@Suite struct ExpressionWordsTests {
    static let policy: CompiledPolicy = {
        let loaded = PolicyLoader.load(text: """
            statute: 1
            name: words
            settings:
              notice_days: {type: int, default: 0, label: Notice days}
            facts:
              approved: {type: bool, default: false, label: Approved}
              score: int?
              due_on: date?
              tier: string?
            derive:
              good: "score > 3"
            statuses: {open: {label: Open}}
            transitions:
              - {id: go, from: start, to: open, mode: automatic, when: "approved && good && tier != null && settings.notice_days == 0"}
            """, file: "words.yaml")
        return loaded.policy!
    }()

    static func words(_ text: String) -> String {
        let syntax = ExpressionParser.parse(EmbeddedText(text: text, file: "t", start: .init(line: 1, column: 1)),
                                            limits: ExpressionLimits()).0!
        return ExpressionWords(policy: policy).words(syntax)
    }

    @Test(arguments: [
        ("!approved", "not *Approved*"),
        ("approved && good", "*Approved* and `good`"),
        ("approved || score > 0", "*Approved* or `score` is above 0"),
        ("approved && (good || score >= 2)", "*Approved* and (`good` or `score` is at least 2)"),
        ("settings.notice_days > 0", "`notice_days` is above 0"),
        ("score ?? 0", "`score`, or else 0"),
        ("due_on ?? today", "`due_on`, or else today"),
        ("tier in ['a', 'b']", "`tier` is one of 'a', 'b'"),
        ("approved == false", "not *Approved*"),
        ("tier != null", "`tier` is given"),
        ("due_on - days(settings.notice_days)", "`notice_days` days before `due_on`"),
        ("score > 1 ? 1 : 2", "`score > 1 ? 1 : 2`"),
        ("score * 2 > 3", "`score * 2` is above 3"),
    ])
    func rendersInWords(_ expression: String, _ expected: String) {
        #expect(Self.words(expression) == expected)
    }

    @Test func dateTriggersReadAsMoments() {
        let render = ExpressionWords(policy: Self.policy)
        let parse = { (text: String) in
            ExpressionParser.parse(EmbeddedText(text: text, file: "t", start: .init(line: 1, column: 1)), limits: ExpressionLimits()).0!
        }
        #expect(render.dateWords(parse("due_on")) == "on the date `due_on`")
        #expect(render.dateWords(parse("due_on + months(2)")) == "2 months after the date `due_on`")
    }
}

@Suite struct PolicyGraphTests {
    @Test func automaticEdgesAreSolidAndManualOnesDashed() {
        let dot = PolicyGraph.dot(for: Policies.certification)
        #expect(dot.contains("start -> \"s_applied\" [label=\"on apply\\n[program.require_approval]\"];"))
        #expect(dot.contains("\"s_applied\" -> \"s_declined\" [label=\"by staff\", style=dashed"))
        #expect(dot.contains("\"s_declined\" [label=\"Declined\", peripheries=2];"))
        #expect(dot.contains("any -> \"s_cancelled\""), "a `*` transition is drawn once, from the `any` node")
        let mermaid = PolicyGraph.mermaid(for: Policies.certification)
        #expect(mermaid.contains("start -->|\"on apply<br/>[program.require_approval]\"| s_applied"))
        #expect(mermaid.contains("s_applied -.->|\"by staff\"| s_declined"))
        #expect(mermaid.contains("class s_declined,s_cancelled final"))
        #expect(mermaid.contains("#gt; 0"), "markup characters are escaped in labels")
    }

    @Test func outputIsDeterministic() {
        #expect(PolicyGraph.dot(for: Policies.certification) == PolicyGraph.dot(for: Policies.certification))
        #expect(PolicyGraph.mermaid(for: Policies.certification) == PolicyGraph.mermaid(for: Policies.certification))
    }

    @Test func statusIDsThatAreMermaidKeywordsArePrefixed() throws {
        let policy = try Policies.compile("""
            statute: 1
            name: k
            roles: {staff: {description: Staff}}
            statuses: {end: {label: "The \\"end\\"", final: true}}
            transitions:
              - {id: finish, from: start, to: end, mode: manual, by: staff}
            """)
        let mermaid = PolicyGraph.mermaid(for: policy)
        #expect(mermaid.contains("s_end[\"The #quot;end#quot;\"]"))
        #expect(PolicyGraph.dot(for: policy).contains("\"s_end\" [label=\"The \\\"end\\\"\", peripheries=2];"))
    }
}

@Suite struct PolicyDocsTests {
    @Test func theReferenceStatesHowEachStatusIsSet() {
        let markdown = PolicyDocs.markdown(for: Policies.certification)
        #expect(markdown.hasPrefix("# Certification enrollment statuses\n"))
        #expect(markdown.contains("### Expiring (`expiring`)"))
        #expect(markdown.contains("**How it is set:** Set automatically, and manually by staff (and admin)."))
        #expect(markdown.contains("`expiring_notice_days` days before the date `expiration`, from Active, if `expiring_notice_days` is above 0"))
        #expect(markdown.contains("**Settings that affect it:** `expiring_notice_days`"))
        #expect(markdown.contains("Six statuses are set automatically: In Progress, Applied, Active, Expired, Admin Review and Expiring."))
        #expect(markdown.contains("Expiring is opt-in"))
        #expect(markdown.contains("```mermaid\nflowchart TD\n"))
    }

    @Test func unacknowledgedWarningsAreListedAsPitfalls() throws {
        let policy = try Policies.compile("""
            statute: 1
            name: p
            roles: {staff: {description: Staff}}
            statuses: {open: {label: Open}, lost: {label: Lost, final: true}}
            transitions:
              - {id: open, from: start, to: open, mode: manual, by: staff}
            """)
        let markdown = PolicyDocs.markdown(for: policy)
        #expect(markdown.contains("- **Warning** (`unreachable-status`): Status `lost` is unreachable"))
        #expect(markdown.contains("- **Warning** (`dead-end-status`): Status `open` has no way out"))
        #expect(markdown.contains("**How it is set:** Never set: no transition leads to this status."))
    }
}
