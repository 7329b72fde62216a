import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Statute
import StatuteCore

/// Text from files is safe to show in every format (docs/reliability.md).
@Suite struct SafeOutputTests {
    @Test func controlCharactersBecomeVisibleJSONStyleEscapes() {
        #expect(Escaping.controlCharacters("a\nb\r\tc\u{1B}[31m\u{7F}\u{9B}\u{202E}") == #"a\nb\r\tc\u001B[31m\u007F\u009B\u202E"#)
        #expect(Escaping.controlCharacters("line\n\twith tab\u{1B}", keepingNewlines: true) == "line\n\twith tab\\u001B")
        #expect(Escaping.controlCharacters("plain ünïcode ✓") == "plain ünïcode ✓")
    }

    @Test func everyBidirectionalControlAndSeparatorIsEscaped() {
        let controls: [UInt32] = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                  0x2066, 0x2067, 0x2068, 0x2069, 0x85, 0x9B, 0x7F, 0x00, 0x1B]
        for value in controls {
            let scalar = Unicode.Scalar(value)!
            #expect(Escaping.isUnsafe(scalar), "U+\(String(value, radix: 16))")
            let escaped = Escaping.controlCharacters("a" + String(scalar) + "b")
            #expect(!escaped.unicodeScalars.contains(scalar))
            #expect(escaped.hasPrefix("a\\") && escaped.hasSuffix("b"))
        }
        // Letters of right-to-left scripts, joiners and emoji stay as they are.
        for kept in ["שלום", "مرحبا", "👩‍💻", "e\u{301}"] {
            #expect(Escaping.controlCharacters(kept) == kept)
        }
    }

    @Test func textEchoedFromARequestIsEscapedAndCut() {
        #expect(Escaping.shortened("evil\u{1B}]0;x\u{07}") == #"evil\u001B]0;x\u0007"#)
        let long = String(repeating: "é", count: 300)
        #expect(Escaping.shortened(long) == String(repeating: "é", count: 200) + "…")
        #expect(Escaping.shortened(String(repeating: "a", count: 200)) == String(repeating: "a", count: 200))
        #expect(Escaping.shortened(String(repeating: "\u{202E}", count: 201)).hasSuffix("\\u202E…"))
    }

    static func diagnostic(message: String, file: String = "p.yaml", line: Int = 1, column: Int = 1,
                           endColumn: Int? = nil) -> Diagnostic {
        let span = SourceSpan(file: file, start: SourceLocation(line: line, column: column),
                              end: SourceLocation(line: line, column: endColumn ?? column + 1))
        return .error("unknown-key", message, at: span, help: "try \u{1B}[8mhidden")
    }

    @Test func textDiagnosticsEscapeMessageHelpAndFileName() {
        var renderer = DiagnosticRenderer(sources: { _ in "key\u{1B}[2K: 1\n" })
        let output = renderer.render([Self.diagnostic(message: "unknown key `x\nok: 1 file checked, no problems`",
                                                      file: "evil\u{1B}]0;title\u{07}.yaml")], format: .text, files: 1)
        #expect(!output.unicodeScalars.contains { Escaping.isUnsafe($0) && $0 != "\n" })
        #expect(!output.split(separator: "\n").contains { $0.hasPrefix("ok:") })
        #expect(output.contains(#"help: try \u001B[8mhidden"#))
        #expect(output.contains("1 | key\u{FFFD}[2K: 1"))
    }

    @Test func githubCommandsEscapeControlCharacters() {
        let line = DiagnosticRenderer.github(Self.diagnostic(message: "bad \u{1B}[31m\u{9B}key\r\n::error::forged"))
        #expect(!line.unicodeScalars.contains { Escaping.isUnsafe($0) })
        #expect(line.hasPrefix(#"::error file=p.yaml,line=1,col=1,endLine=1,endColumn=2::bad \u001B[31m\u009Bkey%0D%0A::error::forged"#))
    }

    @Test func aLongSourceLineIsShownAsAWindowWithTheCaretInPlace() {
        let line = String(repeating: "x", count: 1_000_000) + " bogus: 1" + String(repeating: "y", count: 1_000_000)
        var renderer = DiagnosticRenderer(sources: { _ in line })
        let output = renderer.text(Self.diagnostic(message: "unknown key", column: 1_000_002, endColumn: 1_000_007))
        #expect(output.utf8.count < 600)
        let lines = output.split(separator: "\n").map(String.init)
        let source = lines[2], carets = lines[3]
        #expect(source.hasPrefix("1 | …") && source.hasSuffix("…"))
        let sourceCells = Array(source), caretCells = Array(carets)
        let start = caretCells.firstIndex(of: "^")!
        #expect(String(sourceCells[start..<start + 5]) == "bogus")
        #expect(caretCells.filter { $0 == "^" }.count == 5)
    }

    @Test func aShortLineIsShownWhole() {
        var renderer = DiagnosticRenderer(sources: { _ in "  to: closd\n" })
        let output = renderer.text(Self.diagnostic(message: "unknown status", column: 7, endColumn: 12))
        #expect(output.contains("1 |   to: closd\n  |       ^^^^^\n"))
    }

    @Test func junitShowsControlCharactersAsEscapes() throws {
        let span = SourceSpan(file: "t.yaml", at: SourceLocation(line: 1, column: 1))
        let result = TestFileResult(file: "t.yaml", policyFile: nil, policy: nil,
                                    diagnostics: [.error("x", "bad \u{1B}[2K name", at: span)], cases: [])
        let xml = TestReportJUnit.render([result])
        #expect(!xml.unicodeScalars.contains { Escaping.isUnsafe($0) && $0 != "\n" })
        #expect(xml.contains(#"bad \u001B[2K name"#))
        _ = try XMLDocument(xmlString: xml, options: [])
    }

    @Test func aNonPolicyFileGetsOneDiagnosticQuotingNothing() {
        for text in ["secret_key: hunter2\napi_token: hunter2\n", "- hunter2\n", "hunter2\n"] {
            let loaded = PolicyLoader.load(text: text, file: "secret.yaml")
            #expect(loaded.diagnostics.map(\.code) == [.notAPolicy])
            var renderer = DiagnosticRenderer(sources: { _ in text })
            for format in DiagnosticFormat.allCases {
                #expect(!renderer.render(loaded.diagnostics, format: format, files: 1).contains("hunter2"))
            }
        }
    }
}
