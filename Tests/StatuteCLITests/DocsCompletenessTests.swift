import Foundation
import Testing

/// The reference pages name everything there is: every key the JSON Schema knows, every
/// option `--help` lists, every command.
@Suite("docs: completeness")
struct DocsCompletenessTests {
    static func page(_ name: String) throws -> String {
        try String(contentsOf: DocsExamplesTests.docs.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every property name anywhere in a JSON Schema.
    static func propertyNames(_ value: Any) -> Set<String> {
        var names = Set<String>()
        if let object = value as? [String: Any] {
            for (key, child) in object {
                if key == "properties", let properties = child as? [String: Any] { names.formUnion(properties.keys) }
                names.formUnion(propertyNames(child))
            }
        } else if let array = value as? [Any] {
            for child in array { names.formUnion(propertyNames(child)) }
        }
        return names
    }

    @Test(arguments: [("policy", "policy-language.md"), ("test", "test-files.md")])
    func everySchemaKeyIsDocumented(kind: String, page: String) throws {
        let run = try StatuteBinary.run(["schema", "--kind", kind])
        let schema = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let keys = Self.propertyNames(schema)
        #expect(keys.count > 10)
        let text = try Self.page(page)
        for key in keys.sorted() {
            #expect(text.contains("`\(key)`"), "docs/\(page) does not mention the key `\(key)`")
        }
    }

    @Test(arguments: ["check", "eval", "run", "test", "docs", "graph", "schema"])
    func everyCommandAndOptionIsDocumented(command: String) throws {
        let text = try Self.page("cli.md")
        #expect(text.contains("## `statute \(command)`"), "docs/cli.md has no section for `statute \(command)`")
        let help = try StatuteBinary.run([command, "--help"]).stdout
        let options = Set(help.components(separatedBy: .whitespacesAndNewlines).compactMap { word -> String? in
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "[](),<>;."))
            guard trimmed.hasPrefix("--"), trimmed.count > 2 else { return nil }
            return String(trimmed.prefix { $0 != "=" && $0 != "," })
        })
        #expect(!options.isEmpty)
        for option in options.sorted() where option != "--help" {
            #expect(text.contains(option), "docs/cli.md does not mention \(option) of `statute \(command)`")
        }
    }
}
