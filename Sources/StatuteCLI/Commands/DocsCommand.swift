import ArgumentParser
import Foundation
import Statute

/// `statute docs --policy FILE`: the Markdown status reference of a policy (docs/cli.md).
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Print a Markdown status reference generated from a policy.",
        discussion: "Every status with its label, description, how it is set and by whom, the settings that affect "
            + "it and what can follow, the status diagram, and the common pitfalls found by the analysis.")

    @Option(name: .long, help: ArgumentHelp("The policy file.", valueName: "FILE"))
    var policy: String

    func run() throws {
        let (compiled, analysis) = try DocsCommandSupport.load(policy)
        Terminal.out(PolicyDocs.markdown(for: compiled, analysis: analysis))
    }
}

/// Loading shared by `docs` and `graph`: a policy that cannot be read or has errors is
/// "could not work" (exit 2), with its diagnostics on stderr.
enum DocsCommandSupport {
    static func load(_ path: String) throws -> (CompiledPolicy, PolicyAnalysis) {
        var options = LoadOptions()
        options.fileAccess = .namedByUser
        let loaded = PolicyLoader.load(contentsOf: path, options: options)
        guard let policy = loaded.policy, !loaded.diagnostics.hasErrors else {
            // The same rustc-style text as `check`: each error with its source line and caret.
            let errors = loaded.diagnostics.filter(\.isError)
            if errors.isEmpty { throw CLIError.couldNotWork("cannot load `\(path)`") }
            throw CLIError.couldNotWork(errors)
        }
        return (policy, PolicyAnalyzer.analyze(policy))
    }
}
