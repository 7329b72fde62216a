import Foundation
import Statute
import StatuteLedger

/// What `--store`, `--sweep-every` and `--users` add to the service, checked before it starts.
enum RecordsSetup {
    /// The store's backend, or `nil` without `--store`; a malformed URL is a setup error.
    static func backend(_ configuration: ServerConfiguration) throws(ServerSetupError) -> RecordsBackend? {
        guard let url = configuration.store else {
            if configuration.sweepEvery != nil { throw ServerSetupError("--sweep-every needs --store URL: there is nothing to sweep") }
            return nil
        }
        let location: StoreLocation
        do { location = try StoreLocation(parsing: url) } catch { throw ServerSetupError(error.description) }
        return RecordsBackend(location: location, options: StoreOptions(busyTimeout: configuration.storeBusyTimeout),
                              today: configuration.today)
    }

    /// The people of `--users FILE`; any problem in the file is a setup error naming its line.
    static func people(_ configuration: ServerConfiguration) throws(ServerSetupError) -> People? {
        guard let path = configuration.usersFile else { return nil }
        switch People.read(contentsOf: path) {
        case .success(let people): return people
        case .failure(let problems):
            let shown = problems.diagnostics.prefix(5).map { problem in
                var line = problem.description
                if let help = problem.help { line += " (\(help))" }
                return line
            }
            throw ServerSetupError("the users file cannot be used:\n" + shown.joined(separator: "\n"))
        }
    }
}

extension RecordsSetup {
    /// Before serving: a store that answers without this binary's ledger schema stops the start
    /// with a clear error (`statute ledger init` makes it); one that cannot be reached now is
    /// said in one line on stderr, and `/readyz` answers 503 until it can be.
    static func precheck(_ configuration: ServerConfiguration) async throws(ServerSetupError) {
        guard let backend = try backend(configuration) else { return }
        let store: any LedgerStore
        do {
            store = try await StoreOpener.open(backend.location, options: backend.options)
        } catch {
            FileHandle.standardError.write(Data("statute serve: the store \(backend.location) cannot be reached now (\(RecordsBackend.message(error))); /readyz answers 503 until it can\n".utf8))
            return
        }
        let problem: (any Error)?
        do {
            try await store.checkSchema()
            problem = nil
        } catch {
            problem = error
        }
        try? await store.close()
        guard let problem else { return }
        if case .unavailable(let message)? = problem as? LedgerStoreError, !message.contains("ledger init") {
            FileHandle.standardError.write(Data("statute serve: the store \(backend.location) cannot be used now (\(message)); /readyz answers 503 until it can\n".utf8))
            return
        }
        throw ServerSetupError("the store \(backend.location): \(RecordsBackend.message(problem))")
    }
}
