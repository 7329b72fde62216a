import ArgumentParser
import Foundation
import Statute

extension ExitCode {
    /// 1: the answer is no (errors found, request rejected, a run line in error).
    static let answerIsNo = ExitCode(1)
    /// 2: the command could not do its work.
    static let couldNotWork = ExitCode(2)
}

/// A command that stops: the exit status and what to say on stderr. Thrown by the CLI's
/// helpers and commands, reported once by `StatuteCommand.main`.
struct CLIError: Error {
    /// The process's exit status (docs/cli.md: 1 the answer is no, 2 could not work).
    var exitCode: Int32
    /// One or more readable lines for stderr (empty: nothing to say).
    var message: String

    /// Exit 2 with `error: message`.
    static func couldNotWork(_ message: String) -> CLIError {
        CLIError(exitCode: 2, message: "error: \(Escaping.controlCharacters(message))")
    }

    /// Exit 2 with the diagnostics rendered rustc style, source lines read from disk.
    static func couldNotWork(_ diagnostics: [Diagnostic]) -> CLIError {
        CLIError(exitCode: 2, message: Terminal.render(diagnostics))
    }

    /// Exit 2 with a decision that could not be made: its diagnostic rendered, or its message.
    static func couldNotWork(_ error: DecisionError) -> CLIError {
        error.diagnostic.map { couldNotWork([$0]) } ?? couldNotWork(error.message)
    }
}

/// stdout, stderr and the process's exit: the only place the CLI touches them.
///
/// stdout is an ``OutputWriter``: whole lines, buffered, every failed write noticed. A
/// failed write stops the process at once with exit status 2 and the cause on stderr
/// (docs/cli.md: output lost on a full disk or a closed pipe is an error, never a silent 0);
/// there is nobody left to compute output for.
enum Terminal {
    /// stdout, shared by the commands.
    static let output = OutputWriter(descriptor: STDOUT_FILENO)

    /// Writes text to stdout (buffered; complete lines go out as the buffer fills).
    static func out(_ text: String) {
        do { try output.write(text) } catch { stop(error) }
    }

    /// Writes every complete line written so far: `run` calls it after each answer when
    /// it talks to another program over a pipe.
    static func flush() {
        do { try output.flushLines() } catch { stop(error) }
    }

    /// Writes what remains on stdout, at the end of a command.
    static func finish() throws(CLIError) {
        do { try output.flushAll() } catch { throw CLIError(exitCode: 2, message: "error: \(error.description)") }
    }

    /// Writes text to stderr, adding a newline if it lacks one. A failure is ignored:
    /// stderr is where failures would be reported.
    static func error(_ text: String) {
        guard !text.isEmpty else { return }
        let line = text.hasSuffix("\n") ? text : text + "\n"
        try? OutputWriter(descriptor: STDERR_FILENO).flushAll(writing: line)
    }

    /// Reports `error` on stderr, writes what stdout holds, and exits: the last step of
    /// `StatuteCommand.main`, and of code that cannot throw.
    static func exit(_ code: Int32, message: String = "") -> Never {
        LedgerOpenStores.shared.closeAll()
        error(message)
        var status = code
        do { try finish() } catch {
            Terminal.error(error.message)
            status = 2
        }
        Foundation.exit(status)
    }

    /// Renders diagnostics as rustc-style text, showing source lines read from disk.
    static func render(_ diagnostics: [Diagnostic]) -> String {
        var renderer = DiagnosticRenderer(sources: SourceFiles.text(of:))
        return renderer.render(diagnostics.sortedForDisplay(limit: .max), format: .text)
    }

    /// For code that cannot throw: reports diagnostics on stderr and exits 2.
    static func fail(_ diagnostics: [Diagnostic]) -> Never {
        exit(2, message: render(diagnostics))
    }

    /// For code that cannot throw: reports one problem on stderr and exits 2.
    static func fail(_ message: String) -> Never {
        exit(2, message: CLIError.couldNotWork(message).message)
    }

    private static func stop(_ failure: WriteFailure) -> Never {
        error("error: \(failure.description)")
        LedgerOpenStores.shared.closeAll()
        Foundation.exit(2)
    }
}

extension OutputWriter {
    /// Writes `text` and flushes it (stderr's one-shot use).
    func flushAll(writing text: String) throws(WriteFailure) {
        try write(text)
        try flushAll()
    }
}
