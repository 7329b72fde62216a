import Testing
import Foundation

@Suite("statute --version")
struct CLIVersionTests {
    @Test func versionNamesTheReleaseAndThePolicyLanguage() throws {
        let run = try StatuteBinary.run(["--version"])
        #expect(run.status == 0)
        let line = run.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("statute "))
        #expect(line.hasSuffix(" (policy language 1)"))
        let release = line.dropFirst("statute ".count).prefix { $0 != " " }
        #expect(release.split(separator: ".").count == 3 && release.split(separator: ".").allSatisfy { Int($0) != nil })
    }
}
