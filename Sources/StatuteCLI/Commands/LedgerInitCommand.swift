import ArgumentParser
import StatuteLedger

/// `statute ledger init`: creates or migrates the store's schema.
struct LedgerInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the ledger's schema in the store, or migrate it to this version (safe to run again).",
        discussion: """
            A store written by a newer statute is refused and left as it is. Prints the schema version.
            """
    )

    @OptionGroup var store: LedgerStoreOptions

    func run() throws {
        let location = try store.location
        let opened = try store.openUnchecked()
        let version = try LedgerAsync.wait { try await opened.migrate() }
        Terminal.out("ledger schema version \(version) in \(location)\n")
    }
}
