import Testing
@testable import Statute

/// Diagnostics point at every place that explains them: the first of two duplicates,
/// the other members of a cycle; JSON and github output carry end positions.
@Suite struct DiagnosticNotesTests {
    static let text = """
        statute: 1
        name: notes
        roles:
          a: {includes: [b]}
          b: {includes: [a]}
        derive:
          x: y + 1
          y: x + 1
        statuses:
          open: {label: Open}
          open: {label: Again}
        transitions:
          - {id: go, from: start, to: open, mode: manual, by: a}
          - {id: go, from: start, to: open, mode: manual, by: b}
        """

    static func diagnostics() -> [Diagnostic] {
        PolicyLoader.load(text: text, file: "notes.yaml").diagnostics
    }

    @Test func aDuplicateKeyNotesWhereTheFirstOneIs() throws {
        let duplicate = try #require(Self.diagnostics().first { $0.code == .duplicateKey })
        #expect(duplicate.span?.start.line == 11)
        let note = try #require(duplicate.notes.first)
        #expect(note.span?.start.line == 10)
        #expect(note.span?.start.column == 3)
    }

    @Test func aDuplicateTransitionNotesTheFirstUse() throws {
        // The YAML duplicate stops the load before the checker; check the transitions alone.
        let loaded = PolicyLoader.load(text: Self.text.replacingOccurrences(of: "  open: {label: Again}\n", with: ""),
                                       file: "notes.yaml")
        let duplicate = try #require(loaded.diagnostics.first { $0.code == .duplicateTransition })
        #expect(duplicate.span?.start.line == 13)
        #expect(duplicate.notes.map { $0.span?.start.line } == [12])
        let roleCycle = try #require(loaded.diagnostics.first { $0.code == .roleCycle })
        #expect(!roleCycle.notes.isEmpty)
        #expect(roleCycle.notes.allSatisfy { $0.message.contains("part of the cycle") && $0.span != nil })
        let deriveCycle = try #require(loaded.diagnostics.first { $0.code == .deriveCycle })
        #expect(deriveCycle.span?.start.line == 7)
        #expect(deriveCycle.notes.map { $0.span?.start.line } == [8])
    }

    @Test func notesAreRenderedInEveryFormat() throws {
        let note = DiagnosticNote("`go` is first used here",
                                  at: SourceSpan(file: "p.yaml", start: SourceLocation(line: 1, column: 7),
                                                 end: SourceLocation(line: 1, column: 9)))
        var diagnostic = Diagnostic.error(.duplicateTransition, "transition id `go` is used twice",
                                          at: SourceSpan(file: "p.yaml", start: SourceLocation(line: 2, column: 7),
                                                         end: SourceLocation(line: 2, column: 9)))
        diagnostic.notes = [note]
        var renderer = DiagnosticRenderer(sources: { _ in "- id: go\n- id: go\n" })
        let text = renderer.text(diagnostic)
        #expect(text.contains("p.yaml:1:7: note: `go` is first used here\n  |\n1 | - id: go\n  |       ^^\n"))
        let json = DiagnosticRenderer.json(diagnostic).rendered()
        #expect(json.contains(#""end_line":2,"end_column":9"#))
        #expect(json.contains(#""notes":[{"message":"`go` is first used here","file":"p.yaml","line":1,"column":7,"end_line":1,"end_column":9}]"#))
        let github = DiagnosticRenderer.github(diagnostic)
        #expect(github.hasPrefix("::error file=p.yaml,line=2,col=7,endLine=2,endColumn=9::"))
        #expect(github.contains("%0Ap.yaml:1:7: note: `go` is first used here"))
    }
}
