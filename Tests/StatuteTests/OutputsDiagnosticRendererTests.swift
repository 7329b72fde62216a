import Testing
@testable import Statute

@Suite("Diagnostic renderer")
struct OutputsDiagnosticRendererTests {
    static func span(_ line: Int, _ start: Int, _ endLine: Int? = nil, end: Int, file: String = "p.yaml") -> SourceSpan {
        SourceSpan(file: file, start: SourceLocation(line: line, column: start),
                   end: SourceLocation(line: endLine ?? line, column: end))
    }

    static func render(_ diagnostic: Diagnostic, source: String) -> String {
        var renderer = DiagnosticRenderer(sources: { $0 == "p.yaml" ? source : nil })
        return renderer.text(diagnostic)
    }

    @Test func singleLineSpanWithHelp() {
        let source = "statuses:\n  active: {}\ntransitions:\n  - to: currnet\n"
        let diagnostic = Diagnostic.error(.unknownStatus, "unknown status `currnet`", at: Self.span(4, 9, end: 16),
                                          help: "did you mean `current`?")
        #expect(Self.render(diagnostic, source: source) == """
            p.yaml:4:9: error[unknown-status]: unknown status `currnet`
              |
            4 |   - to: currnet
              |         ^^^^^^^
            help: did you mean `current`?

            """)
    }

    @Test func firstLineIsExactlyTheHeader() {
        let diagnostic = Diagnostic.warning("unreachable-status", "status `x` is unreachable", at: Self.span(12, 3, end: 4))
        let text = Self.render(diagnostic, source: "")
        #expect(text.split(separator: "\n").first == "p.yaml:12:3: warning[unreachable-status]: status `x` is unreachable")
    }

    @Test func emptySpanGetsOneCaretAndGutterWidensWithLineNumber() {
        let source = String(repeating: "\n", count: 9) + "name: x"
        let diagnostic = Diagnostic.error(.missingKey, "the policy is missing required key `statuses`", at: Self.span(10, 1, end: 1))
        #expect(Self.render(diagnostic, source: source) == """
            p.yaml:10:1: error[missing-key]: the policy is missing required key `statuses`
               |
            10 | name: x
               | ^

            """)
    }

    @Test func multiLineSpanRunsToTheEndOfTheFirstLine() {
        let source = "derive:\n  x: >-\n    a &&\n    b\n"
        let diagnostic = Diagnostic.error("type-mismatch", "bad", at: Self.span(3, 5, 4, end: 6))
        #expect(Self.render(diagnostic, source: source) == """
            p.yaml:3:5: error[type-mismatch]: bad
              |
            3 |     a &&
              |     ^^^^

            """)
    }

    @Test func tabsAreExpandedAndCaretsFollow() {
        let source = "a:\n\tb: currnet\n"
        let diagnostic = Diagnostic.error(.unknownStatus, "unknown status `currnet`", at: Self.span(2, 5, end: 12))
        #expect(Self.render(diagnostic, source: source) == """
            p.yaml:2:5: error[unknown-status]: unknown status `currnet`
              |
            2 |     b: currnet
              |        ^^^^^^^

            """)
    }

    @Test func wideCharactersTakeTwoCellsAndCombiningMarksNone() {
        // Columns count Unicode scalars: `認証` is columns 8–9, `é` written e + U+0301 is two.
        let source = "label: 認証 cafe\u{301} x"
        let wide = Diagnostic.error("x", "m", at: Self.span(1, 8, end: 10))
        #expect(Self.render(wide, source: source).split(separator: "\n").dropFirst(3).first == "  |        ^^^^")
        let after = Diagnostic.error("x", "m", at: Self.span(1, 17, end: 18))
        let caretLine = Self.render(after, source: source).split(separator: "\n").dropFirst(3).first.map(String.init)
        #expect(caretLine.map { Array($0.unicodeScalars) } == Array(("  | " + String(repeating: " ", count: 17) + "^").unicodeScalars))
    }

    @Test func spanPastTheEndOfTheLine() {
        let diagnostic = Diagnostic.error("x", "m", at: Self.span(1, 6, end: 6))
        #expect(Self.render(diagnostic, source: "name:").split(separator: "\n").dropFirst(3).first == "  |      ^")
    }

    @Test func withoutSourceOrSpan() {
        let missing = Diagnostic.error(.unknownFact, "unknown fact `x`", at: nil, help: "did you mean `y`?")
        #expect(Self.render(missing, source: "") == "error[unknown-fact]: unknown fact `x`\nhelp: did you mean `y`?\n")
        let noFile = Diagnostic.error("x", "m", at: Self.span(3, 1, end: 2, file: "other.yaml"))
        #expect(Self.render(noFile, source: "") == "other.yaml:3:1: error[x]: m\n")
    }

    @Test func crlfLinesAndSummary() {
        #expect(DiagnosticRenderer.lines(of: "a\r\nb\rc\n") == ["a", "b", "c", ""])
        let diagnostics = [Diagnostic.error("a", "m", at: nil), .error("b", "m", at: nil), .warning("c", "m", at: nil)]
        #expect(DiagnosticRenderer.summary(diagnostics, files: 1) == "error: 2 errors, 1 warning in 1 file")
        #expect(DiagnosticRenderer.summary([.warning("c", "m", at: nil)], files: 2) == "warning: 1 warning in 2 files")
        #expect(DiagnosticRenderer.summary([], files: 3) == "ok: 3 files checked, no problems")
    }

    @Test func json() {
        let diagnostics = [
            Diagnostic.error(.unknownStatus, "unknown status `a\"b`", at: Self.span(2, 3, end: 4), help: "did you mean `ab`?"),
            Diagnostic.warning("unused-declaration", "fact `x` is never read", at: nil),
        ]
        #expect(DiagnosticRenderer.json(diagnostics).rendered() == """
            {"diagnostics":[{"severity":"error","code":"unknown-status","message":"unknown status `a\\"b`","file":"p.yaml","line":2,"column":3,"end_line":2,"end_column":4,"help":"did you mean `ab`?"},\
            {"severity":"warning","code":"unused-declaration","message":"fact `x` is never read","file":null,"line":null,"column":null,"end_line":null,"end_column":null}],\
            "errors":1,"warnings":1}
            """)
    }

    @Test func github() {
        let diagnostic = Diagnostic.error(.unknownStatus, "100% wrong\r\nreally", at: Self.span(4, 9, end: 10, file: "dir,a:b.yaml"),
                                          help: "did you mean `x`?")
        #expect(DiagnosticRenderer.github(diagnostic)
            == "::error file=dir%2Ca%3Ab.yaml,line=4,col=9,endLine=4,endColumn=10::100%25 wrong%0D%0Areally [unknown-status]%0Ahelp: did you mean `x`?")
        #expect(DiagnosticRenderer.github(.warning("w", "m", at: nil)) == "::warning::m [w]")
    }
}
