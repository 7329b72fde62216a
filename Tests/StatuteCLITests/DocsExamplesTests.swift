import Foundation
import Testing

/// The user docs stay true: every ```console block in docs/*.md is run with the built
/// `statute` from the repository root and must print exactly what the page shows, and
/// every link in the docs and the README points at a file in the repository.
@Suite("docs: examples and links")
struct DocsExamplesTests {
    static let root = StatuteBinary.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let docs = root.appendingPathComponent("docs")

    struct Example: CustomTestStringConvertible, Sendable {
        let page: String
        let line: Int
        let arguments: [String]
        let output: String
        var testDescription: String { "\(page):\(line): statute \(arguments.joined(separator: " "))" }
    }

    static func pages() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    /// Every `$ statute …` command of a ```console block, with the lines after it up to
    /// the next command or the end of the block as its expected stdout.
    static func examples() -> [Example] {
        var examples: [Example] = []
        for page in pages() {
            guard let text = try? String(contentsOf: docs.appendingPathComponent(page), encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            var index = 0
            var inConsole = false
            var current: (line: Int, command: String, output: [String])?
            func flush() {
                if let c = current {
                    examples.append(Example(page: page, line: c.line, arguments: Array(split(c.command).dropFirst()),
                                            output: c.output.map { $0 + "\n" }.joined()))
                }
                current = nil
            }
            while index < lines.count {
                let line = lines[index]
                if !inConsole {
                    if line.hasPrefix("```console") { inConsole = true }
                } else if line.hasPrefix("```") {
                    flush()
                    inConsole = false
                } else if line.hasPrefix("$ ") {
                    flush()
                    var command = String(line.dropFirst(2))
                    while command.hasSuffix("\\"), index + 1 < lines.count {
                        index += 1
                        command = String(command.dropLast()) + " " + lines[index].trimmingCharacters(in: .whitespaces)
                    }
                    current = (index + 1, command, [])
                } else {
                    current?.output.append(line)
                }
                index += 1
            }
        }
        return examples
    }

    /// Splits a command line at spaces, honouring single and double quotes.
    static func split(_ command: String) -> [String] {
        var words: [String] = [], word = "", quote: Character?, inWord = false
        for character in command {
            if let q = quote {
                if character == q { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(word); word = ""; inWord = false }
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test func theDocsHaveExamplesToRun() {
        #expect(Self.examples().count >= 5)
        #expect(Self.examples().allSatisfy { Self.split("statute \($0.arguments.joined(separator: " "))").first == "statute" })
    }

    @Test(arguments: examples())
    func everyConsoleExamplePrintsWhatThePageShows(example: Example) throws {
        let run = try StatuteBinary.run(example.arguments, environment: ["NO_COLOR": "1"], directory: Self.root)
        #expect(run.stdout == example.output, "\(example.page):\(example.line) shows output that the command no longer prints")
    }

    /// Relative Markdown links `](path)` and `](path#anchor)` in docs/*.md and README.md.
    static func links() -> [(page: String, target: String)] {
        var found: [(String, String)] = []
        let pages = pages().map { ("docs/" + $0, docs.appendingPathComponent($0)) } + [("README.md", root.appendingPathComponent("README.md"))]
        for (name, url) in pages {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            var rest = Substring(text)
            while let open = rest.range(of: "](") {
                rest = rest[open.upperBound...]
                guard let close = rest.firstIndex(of: ")") else { break }
                found.append((name, String(rest[..<close])))
                rest = rest[close...]
            }
        }
        return found
    }

    @Test func everyLinkPointsAtAFileInTheRepository() {
        let links = Self.links()
        #expect(links.count > 10)
        for (page, target) in links {
            if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("#") { continue }
            let path = String(target.prefix { $0 != "#" })
            let base = page.hasPrefix("docs/") ? Self.docs : Self.root
            let resolved = base.appendingPathComponent(path).standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: resolved), "\(page) links `\(target)`, which is not in the repository")
            #expect(resolved.hasPrefix(Self.root.standardizedFileURL.path), "\(page) links `\(target)` outside the repository")
        }
    }

    @Test func theShippedPolicyAndItsReferenceDoNotSpeakOfTheSeedReference() throws {
        for file in ["policies/certification.yaml", "policies/certification.md", "policies/certification.test.yaml", "README.md",
                     "examples/records/certification-candidate.yaml"]
            where FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(file).path) || file.hasPrefix("policies") {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.lowercased().contains("seed reference"), "\(file) says “seed reference”")
        }
    }
}
