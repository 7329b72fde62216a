import ArgumentParser
import Statute

/// `statute schema`: a JSON Schema (draft 2020-12) for policy files and test files, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema for policy files and policy test files, for editors.",
        discussion: "By default one schema covers both (a file with a `statute` key is a policy). "
            + "Point a YAML editor at it, e.g. `# yaml-language-server: $schema=statute.schema.json`.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case both, policy, test
    }

    @Option(name: .long, help: "Which files the schema describes: both, policy or test.")
    var kind: Kind = .both

    func run() throws {
        switch kind {
        case .both: Terminal.out(StatuteSchema.combined())
        case .policy: Terminal.out(StatuteSchema.policySchema())
        case .test: Terminal.out(StatuteSchema.testFileSchema())
        }
    }
}
