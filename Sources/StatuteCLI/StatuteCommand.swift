import ArgumentParser
import Foundation
import Statute

/// `statute`: check and test policies, evaluate records, run record batches, generate docs.
///
/// Exit status (SPEC §5): 0 success; 1 the answer is no; 2 the command could not do its
/// work — usage errors included (ArgumentParser's own 64 is mapped to 2).
@main
struct StatuteCommand: ParsableCommand {
    /// Every verb; adding one is one line here plus its file under `Commands/`.
    static let verbs: [ParsableCommand.Type] = [
        CheckCommand.self,
        EvalCommand.self,
        RunCommand.self,
        TestCommand.self,
        DocsCommand.self,
        GraphCommand.self,
        SchemaCommand.self,
        ServeCommand.self,
    ]

    static let configuration = CommandConfiguration(
        commandName: "statute",
        abstract: "Check, test, evaluate and document Statute status policies.",
        discussion: """
            Exit status: 0 success; 1 the answer is no (check found errors, a test failed, \
            a manual request was rejected, a run line was in error); 2 the command could not do its work \
            (usage error, unreadable file, invalid input record or policy).
            """,
        subcommands: verbs
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.error(fullMessage(for: error))
                Terminal.exit(.couldNotWork)
            }
            exit(withError: error)
        }
    }
}
