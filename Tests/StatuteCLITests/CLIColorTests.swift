import Foundation
import Testing

/// Colour on a terminal only: `--color auto|always|never` and `NO_COLOR`; progress on
/// stderr only on a terminal.
@Suite("statute: colour and progress")
struct CLIColorTests {
    static let escape = "\u{1B}["

    @Test func pipedOutputHasNoColourByDefault() throws {
        let check = try StatuteBinary.run(["check", "broken.yaml"])
        #expect(!check.stdout.contains(Self.escape))
        let test = try StatuteBinary.run(["test", "membership.test.yaml"])
        #expect(!test.stdout.contains(Self.escape))
        #expect(!test.stderr.contains(Self.escape))
    }

    @Test func colorAlwaysColoursDiagnosticsAndTestReports() throws {
        let check = try StatuteBinary.run(["check", "broken.yaml", "--color", "always"])
        #expect(check.stdout.contains("\u{1B}[1;31merror[unknown-status]\u{1B}[0m"))
        let plain = try StatuteBinary.run(["check", "broken.yaml", "--color", "never"])
        #expect(!plain.stdout.contains(Self.escape))
        // Removing the colour gives back the plain text exactly.
        #expect(Self.strip(check.stdout) == plain.stdout)
        let test = try StatuteBinary.run(["test", "membership.test.yaml", "--color", "always"])
        #expect(test.stdout.contains("\u{1B}[1;32m✔\u{1B}[0m"))
    }

    @Test func unknownColorChoiceIsAUsageError() throws {
        let run = try StatuteBinary.run(["check", "broken.yaml", "--color", "sometimes"])
        #expect(run.status == 2)
    }

    /// Runs `statute` under a pseudo-terminal (util-linux `script`), so `auto` sees a terminal.
    static func onTerminal(_ arguments: [String], environment: [String: String?]) throws -> StatuteBinary.Run? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), let binary = StatuteBinary.url else { return nil }
        let command = ([binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        var environment = environment
        environment["TERM"] = "xterm"
        return try StatuteBinary.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment)
    }

    @Test func autoColoursATerminalUnlessNoColorIsSet() throws {
        guard let coloured = try Self.onTerminal(["check", "broken.yaml"], environment: ["NO_COLOR": nil]) else { return }
        #expect(coloured.stdout.contains("\u{1B}[1;31merror"))
        let noColor = try #require(try Self.onTerminal(["check", "broken.yaml"], environment: ["NO_COLOR": "1"]))
        #expect(!noColor.stdout.contains("\u{1B}[1;31m"))
        #expect(noColor.stdout.contains("error[unknown-status]"))
    }

    @Test func testShowsProgressOnATerminalAndErasesIt() throws {
        guard let run = try Self.onTerminal(["test", "membership.test.yaml", "--color", "never"], environment: [:]) else { return }
        #expect(run.stdout.contains("testing 1/1 · membership.test.yaml"))
        #expect(run.stdout.contains("\r\u{1B}[2K"))
    }

    static func strip(_ text: String) -> String {
        var output = "", index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("\u{1B}["), let m = text[index...].firstIndex(of: "m") {
                index = text.index(after: m)
            } else {
                output.append(text[index])
                index = text.index(after: index)
            }
        }
        return output
    }
}
