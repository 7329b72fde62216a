import ArgumentParser
import Foundation
import StatuteLanguageServer

/// `statute lsp` (docs/editors.md): the language server for policy and test files, over
/// standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server for policy and test files (LSP over stdin/stdout).",
        discussion: """
            Speaks the Language Server Protocol 3.17 on standard input and output, for an \
            editor to start: diagnostics as `statute check` reports them, hover, go to \
            definition, references, completion, quick fixes, the outline and rename. \
            Exit status 0 after `shutdown` then `exit`, 1 when the input ends or `exit` \
            comes without `shutdown`. See docs/editors.md.
            """
    )

    @Flag(name: .customLong("stdio"), help: .hidden)
    var stdio = false

    func run() throws {
        let status = StdioServer.run()
        if status != 0 { throw ExitCode(status) }
    }
}
