import Foundation
import Testing
@testable import Statute
import StatuteCore

/// Statute's scalar columns become SARIF's UTF-16 columns in one place, and file names
/// become URIs relative to the working directory.
@Suite("SARIF: positions and URIs")
struct SARIFPositionTests {
    // Scalars:  a  😀  é  :  x      (columns 1…5)
    // UTF-16:   a  😀😀 é  :  x      (columns 1, 2, 4, 5, 6)
    static let line: Substring = "a\u{1F600}\u{E9}:x"

    @Test(arguments: [(1, 1), (2, 2), (3, 4), (4, 5), (5, 6), (6, 7), (8, 9)])
    func scalarColumnsBecomeUTF16Columns(scalar: Int, utf16: Int) {
        #expect(SARIFPositions.utf16Column(scalar, on: Self.line) == utf16)
    }

    @Test func combiningMarksAndCJKAreOneUnitPerScalar() {
        // `e` + U+0301 are two scalars and two UTF-16 units; 日本 are one unit each.
        let line: Substring = "e\u{301}\u{65E5}\u{672C}!"
        #expect(SARIFPositions.utf16Column(5, on: line) == 5)
    }

    @Test func withoutTheLineEachColumnCountsOne() {
        #expect(SARIFPositions.utf16Column(7, on: nil) == 7)
        #expect(SARIFPositions.utf16Column(0, on: nil) == 1)
    }

    @Test func aRegionHasStartAndEndInUTF16() {
        let span = SourceSpan(file: "p.yaml", start: SourceLocation(line: 2, column: 3), end: SourceLocation(line: 2, column: 6))
        let region = SARIFPositions.region(of: span) { $0 == 2 ? Self.line : nil }
        #expect(region == .object([("startLine", .int(2)), ("startColumn", .int(4)), ("endLine", .int(2)), ("endColumn", .int(7))]))
    }

    @Test func aRenderedResultUsesTheFilesText() throws {
        let text = "statute: 1\n# \u{1F600}\u{1F600} x\n"
        let span = SourceSpan(file: "p.yaml", start: SourceLocation(line: 2, column: 6), end: SourceLocation(line: 2, column: 7))
        var renderer = SARIFRenderer(workingDirectory: "/work") { $0 == "p.yaml" ? text : nil }
        let log = renderer.render([SARIFFile(path: "p.yaml", diagnostics: [.error(.unknownStatus, "x", at: span)])])
        let rendered = log.rendered()
        #expect(rendered.contains(#""startLine":2,"startColumn":8,"endLine":2,"endColumn":9"#))
        #expect(rendered.contains(#""columnKind":"utf16CodeUnits""#))
    }

    @Test(arguments: [
        ("policies/x.yaml", "policies/x.yaml", true),
        ("./policies/../policies/x.yaml", "policies/x.yaml", true),
        ("/work/repo/a b#1?.yaml", "a%20b%231%3F.yaml", true),
        ("caf\u{E9}.yaml", "caf%C3%A9.yaml", true),
        (":colon.yaml", "%3Acolon.yaml", true),
        ("100%.yaml", "100%25.yaml", true),
        ("../other/p.yaml", "file:///work/other/p.yaml", false),
        ("/tmp/p.yaml", "file:///tmp/p.yaml", false),
        ("/work/repository/p.yaml", "file:///work/repository/p.yaml", false),
    ])
    func filesBecomeURIs(file: String, uri: String, relative: Bool) {
        let paths = ReportPaths(workingDirectory: "/work/repo/")
        #expect(paths.uri(of: file) == (uri, relative))
    }

    @Test func theWorkingDirectoryIsAFileURIEndingInASlash() {
        #expect(ReportPaths(workingDirectory: "/work/my repo").workingDirectoryURI == "file:///work/my%20repo/")
        #expect(ReportPaths(workingDirectory: "/").workingDirectoryURI == "file:///")
        #expect(ReportPaths(workingDirectory: "/").uri(of: "p.yaml") == ("p.yaml", true))
    }
}
