import ArgumentParser
import Dispatch
import Foundation
import Statute
import StatuteLedger

/// `--store URL` and `--busy-timeout`, shared by every `ledger` command.
struct LedgerStoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store: sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (default: $STATUTE_STORE, else sqlite:statute.db).",
                               valueName: "url"))
    var store: String?

    @Option(name: .customLong("busy-timeout"), help: ArgumentHelp("Seconds to wait for a store locked by another process before giving up.", valueName: "seconds"))
    var busyTimeout: Double = 5

    func validate() throws {
        guard busyTimeout >= 0, busyTimeout <= 3600 else { throw ValidationError("--busy-timeout must be between 0 and 3600 seconds") }
    }

    /// The store named by `--store`, `STATUTE_STORE` or the default.
    var location: StoreLocation {
        get throws(CLIError) {
            let url = store ?? ProcessInfo.processInfo.environment["STATUTE_STORE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? StoreLocation.defaultURL
            do { return try StoreLocation(parsing: url) } catch { throw .couldNotWork(error.description) }
        }
    }

    /// Opens the store and checks it has this binary's schema (`ledger init` makes it). The
    /// store is closed before the process exits, whichever way it exits.
    func open() throws(CLIError) -> any LedgerStore {
        let store = try openUnchecked()
        try LedgerAsync.wait { try await store.checkSchema() }
        return store
    }

    /// Opens the store without looking at its schema (`ledger init`); closed before the
    /// process exits.
    func openUnchecked() throws(CLIError) -> any LedgerStore {
        let location = try location
        let options = StatuteLedger.StoreOptions(busyTimeout: busyTimeout)
        let store = try LedgerAsync.wait { try await StoreOpener.open(location, options: options) }
        LedgerOpenStores.shared.add(store)
        return store
    }
}

/// Runs async ledger work from a synchronous command, every failure a ``CLIError`` (exit 2).
enum LedgerAsync {
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws(CLIError) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        switch box.result! {
        case .success(let value): return value
        case .failure(let error as CLIError): throw error
        case .failure(let error as LedgerStoreError): throw .couldNotWork(error.description)
        case .failure(let error): throw .couldNotWork("\(error)")
        }
    }

    /// Written by the task before it signals, read after the wait.
    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}

/// The policy a ledger command applies: the file, its settings and its digests.
enum LedgerPolicies {
    static func load(_ common: PolicyOptions) throws(CLIError) -> LedgerPolicy {
        guard let data = FileManager.default.contents(atPath: common.policy) else {
            throw .couldNotWork("cannot read the policy `\(common.policy)`")
        }
        return LedgerPolicy(maker: common.decisionMaker(), policyBytes: [UInt8](data))
    }

    /// `--policy NAME` of `show` and `export`: a policy's name, or a policy file whose name is used.
    static func name(_ given: String) throws(CLIError) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: given, isDirectory: &isFolder), !isFolder.boolValue {
            return try Inputs.loadPolicy(given).name
        }
        return given
    }
}

/// Reads JSON Lines input for `import` and `apply` and answers each read's complete lines
/// before the next read waits: whole answer lines on stdout, in input order.
enum LedgerLines {
    /// - Parameter answer: answers a group of lines (at most `batch`) in order.
    /// - Returns: the summary of the answers.
    static func process(input: String?, batch: Int, verb: String,
                        answer: ([LedgerLine]) throws(CLIError) -> [LedgerAnswer]) throws(CLIError) -> RunSummary {
        let source: InputSource
        do { source = try InputSource(path: input) } catch { throw .couldNotWork(error.description) }
        defer { source.close() }
        var splitter = LineSplitter()
        var pending: [LedgerLine] = []
        var summary = RunSummary()
        let progress = LedgerProgress(verb, total: nil, enabled: isatty(STDERR_FILENO) == 1 && source.isRegularFile)
        // A file's size and the bytes read so far give the time left.
        let size = Double(inputSize(input))
        var bytesRead = 0
        func collect(_ line: LineSplitter.Line) {
            switch line {
            case .text(let bytes, let number):
                if RecordLines.isBlank(bytes) { return }
                pending.append(LedgerLine(number: number, bytes: bytes))
            case .tooLong(let number, let length):
                pending.append(LedgerLine(number: number, bytes: nil, length: length))
            }
        }
        func flush() throws(CLIError) {
            var start = 0
            while start < pending.count {
                let group = Array(pending[start..<min(pending.count, start + batch)])
                start += group.count
                var bytes: [UInt8] = []
                for reply in try answer(group) {
                    reply.json.write(to: &bytes)
                    bytes.append(UInt8(ascii: "\n"))
                    summary.count(reply.outcome.map { RecordLines.Kind.evaluated($0) } ?? RecordLines.Kind.error)
                }
                do { try Terminal.output.write(bytes: bytes) } catch { Terminal.fail(error.description) }
                Terminal.flush()
                progress.update(summary.records, fraction: size > 0 ? min(1, Double(bytesRead) / size) : nil)
            }
            pending.removeAll(keepingCapacity: true)
        }
        while true {
            let chunk: ArraySlice<UInt8>
            do { chunk = try source.read() } catch { throw .couldNotWork(error.description) }
            if chunk.isEmpty { break }
            bytesRead += chunk.count
            splitter.feed(chunk, emit: collect)
            if pending.count >= batch || !source.isRegularFile { try flush() }
        }
        splitter.finish(emit: collect)
        try flush()
        progress.finish()
        return summary
    }

    /// The size of the input file (0 for a pipe or a terminal).
    private static func inputSize(_ input: String?) -> Int {
        var info = stat()
        let found = if let input, input != "-" { stat(input, &info) == 0 } else { fstat(STDIN_FILENO, &info) == 0 }
        return found && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
    }
}
