import ArgumentParser
import Dispatch
import Foundation
import Statute
import StatuteServer

/// `statute serve [--policy PATH]… [--host H] [--port P] [--settings FILE] [--decision-log FILE]
/// [--token-file FILE]`: the HTTP decision service (docs/service.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve policies over HTTP: evaluate, options, run, docs and graphs, with hot reload.",
        discussion: """
            Serves every policy in the given files and folders (default: policies/) until SIGTERM \
            or SIGINT, then finishes the requests in flight and exits 0. A changed policy file is \
            reloaded when it has no errors; SIGHUP reloads at once. One line on stderr names the \
            address once the server listens. See docs/service.md.
            """
    )

    @Option(name: .long, help: ArgumentHelp("A policy file or folder (repeatable; default: policies/).", valueName: "PATH"))
    var policy: [String] = []

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: ArgumentHelp("A JSON or YAML file of settings for every policy.", valueName: "FILE"))
    var settings: String?

    @Option(name: .customLong("decision-log"), help: ArgumentHelp("Append one JSON line per decision to this file.", valueName: "FILE"))
    var decisionLog: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Require `Authorization: Bearer` with the token in this file on every /v1 route.", valueName: "FILE"))
    var tokenFile: String?

    @Flag(name: .customLong("secure-cookie"), help: "Mark the console's session cookie Secure (the console is reached through HTTPS).")
    var secureCookie = false

    @Option(name: .customLong("max-concurrent"), help: "Requests answered at once on /v1; more get 503 with Retry-After.")
    var maxConcurrent = 256

    @Option(name: .customLong("watch-interval"), help: ArgumentHelp("Seconds between checks of the policy files for changes; 0 checks only on SIGHUP.", valueName: "SECONDS"))
    var watchInterval = 1.0

    @Option(name: .customLong("allowed-host"), help: ArgumentHelp("Also answer requests whose Host is NAME (repeatable); other names get 421. Localhost names and --host are always accepted.", valueName: "NAME"))
    var allowedHost: [String] = []

    @Flag(name: .customLong("token-guards-operations"), help: "Require the token on /metrics, /readyz and /openapi.json too (/healthz stays open).")
    var tokenGuardsOperations = false

    @Option(name: .customLong("max-concurrent-runs"), help: "run requests answered at once, apart from --max-concurrent; more get 503.")
    var maxConcurrentRuns = 16

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds a request body (any but a run body) may take to arrive whole; a slower one gets 408.", valueName: "SECONDS"))
    var requestTimeout = 30.0

    @Option(name: .customLong("run-chunk-timeout"), help: ArgumentHelp("Seconds to wait for the next part of a run body before ending the request.", valueName: "SECONDS"))
    var runChunkTimeout = 30.0

    @Option(help: ArgumentHelp("Keep records in this ledger store and serve /v1/records and the console's record pages: sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (run `statute ledger init` first).", valueName: "URL"))
    var store: String?

    @Option(name: .customLong("busy-timeout"), help: ArgumentHelp("Seconds to wait for a locked or unreachable store before a request gives up.", valueName: "SECONDS"))
    var busyTimeout = 5.0

    @Option(name: .customLong("sweep-every"), help: ArgumentHelp("Sweep every served policy's records at start and then on this period: 30s, 15m, 1h, 1d (needs --store).", valueName: "DURATION"))
    var sweepEvery: String?

    @Option(help: ArgumentHelp("The people who may sign in with their own token, and their roles (written by `statute users add`).", valueName: "FILE"))
    var users: String?

    @Option(name: .customLong("run-min-rate"), help: ArgumentHelp("The slowest average a run body may arrive at, once --run-chunk-timeout of waiting has passed.", valueName: "BYTES-PER-SECOND"))
    var runMinRate = 1024

    func validate() throws {
        guard maxConcurrentRuns > 0 else { throw ValidationError("--max-concurrent-runs must be at least 1") }
        guard runChunkTimeout > 0, runChunkTimeout <= 3600 else { throw ValidationError("--run-chunk-timeout must be more than 0 and at most 3600 seconds") }
        guard requestTimeout > 0, requestTimeout <= 3600 else { throw ValidationError("--request-timeout must be more than 0 and at most 3600 seconds") }
        guard runMinRate >= 0 else { throw ValidationError("--run-min-rate must be 0 or more") }
        if tokenGuardsOperations, tokenFile == nil { throw ValidationError("--token-guards-operations needs --token-file") }
        guard watchInterval >= 0, watchInterval <= 86_400 else { throw ValidationError("--watch-interval must be between 0 and 86400 seconds") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard maxConcurrent > 0 else { throw ValidationError("--max-concurrent must be at least 1") }
        guard busyTimeout >= 0, busyTimeout <= 3600 else { throw ValidationError("--busy-timeout must be between 0 and 3600 seconds") }
        if sweepEvery != nil, store == nil { throw ValidationError("--sweep-every needs --store URL") }
    }

    func run() throws {
        var configuration = ServerConfiguration(policyPaths: policy.isEmpty ? ["policies"] : policy, host: host, port: port,
                                                settingsFile: settings, decisionLogPath: decisionLog,
                                                maxConcurrentRequests: maxConcurrent,
                                                watchInterval: .milliseconds(Int(watchInterval * 1000)))
        configuration.allowedHosts = allowedHost
        configuration.tokenGuardsOperations = tokenGuardsOperations
        configuration.maxConcurrentRuns = maxConcurrentRuns
        configuration.requestTimeout = .milliseconds(Int(requestTimeout * 1000))
        configuration.runChunkTimeout = .milliseconds(Int(runChunkTimeout * 1000))
        configuration.runMinimumBytesPerSecond = runMinRate
        configuration.secureCookie = secureCookie
        configuration.store = store
        configuration.storeBusyTimeout = busyTimeout
        configuration.usersFile = users
        if let sweepEvery {
            switch SweepPeriod.parse(sweepEvery) {
            case .success(let period): configuration.sweepEvery = period
            case .failure(let error): Terminal.fail(error.message)
            }
        }
        if let tokenFile {
            switch ServerConfiguration.readToken(contentsOf: tokenFile) {
            case .success(let token): configuration.token = token
            case .failure(let error): Terminal.fail(error.message)
            }
        }
        blockServiceSignals()
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await serve(configuration) { host, port in
                    Terminal.error("statute serve: listening on http://\(host):\(port)")
                }
            } catch let error as ServerSetupError {
                outcome.set(error.message)
            } catch {
                outcome.set("the server stopped: \(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = outcome.message { Terminal.fail(message) }
    }
}

/// The error message a server run ended with, handed from its task to the command.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    var message: String? { lock.withLock { stored } }
    func set(_ message: String) { lock.withLock { stored = message } }
}
