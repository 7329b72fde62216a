import ArgumentParser

/// `statute ledger …`: statuses applied to stored records (docs/ledger.md).
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Keep records in a store and apply their statuses: import, apply, sweep, history, outbox.",
        discussion: """
            The store is --store URL or the environment variable STATUTE_STORE: sqlite:PATH (the \
            default, sqlite:statute.db) or postgres://USER[:PASSWORD]@HOST[:PORT]/DB. Run \
            `statute ledger init` once to create the schema. Exit status: 0 success; 1 some line \
            or record was in error; 2 the command could not do its work (bad store URL, \
            unreachable or locked store, full disk, invalid policy). See docs/ledger.md.
            """,
        subcommands: [
            LedgerInitCommand.self,
            LedgerImportCommand.self,
            LedgerApplyCommand.self,
            LedgerSweepCommand.self,
            LedgerShowCommand.self,
            LedgerExportCommand.self,
            LedgerOutboxCommand.self,
            LedgerDeliverCommand.self,
        ]
    )
}
