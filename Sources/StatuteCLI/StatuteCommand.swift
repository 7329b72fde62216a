import ArgumentParser
import Foundation
import Statute

/// `statute`: check and test policies, evaluate records, run record batches, generate docs.
///
/// Exit status (docs/cli.md): 0 success; 1 the answer is no; 2 the command could not do its
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
        DiffCommand.self,
        TimelineCommand.self,
        ImpactCommand.self,
        ReplayCommand.self,
        LedgerCommand.self,
        UsersCommand.self,
        LSPCommand.self,
    ]

    static let configuration = CommandConfiguration(
        commandName: "statute",
        abstract: "Check, test, evaluate and document Statute status policies.",
        discussion: """
            Exit status: 0 success; 1 the answer is no (check found errors, a test failed, \
            a manual request was rejected, a run line was in error); 2 the command could not do its work \
            (usage error, unreadable file, invalid input record or policy).
            """,
        version: StatuteVersion.description,
        subcommands: verbs
    )

    /// Runs the command; every way out goes through here: a ``CLIError`` or an `ExitCode`
    /// thrown by a command, a usage error (exit 2), and stdout's last write — a failed
    /// write is exit 2 whatever the command's own answer was.
    static func main() {
        // A reader that went away is a failed write (EPIPE) reported as exit 2, not a silent death.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
            Terminal.exit(0)
        } catch let error as CLIError {
            Terminal.exit(error.exitCode, message: error.message)
        } catch let error as ExitCode {
            Terminal.exit(error.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.exit(2, message: fullMessage(for: error))
            }
            try? Terminal.finish()
            LedgerOpenStores.shared.closeAll()
            exit(withError: error)
        }
    }
}
