import Hummingbird
import Logging

/// Runs the decision service until SIGTERM or SIGINT (docs/service.md): builds it, serves until a
/// signal, then stops accepting, finishes the requests in flight, flushes and closes the
/// decision log, and returns.
///
/// - Parameters:
///   - configuration: what to serve and how.
///   - onReady: called once the server listens, with the address (`statute serve` prints it).
public func serve(
    _ configuration: ServerConfiguration,
    onReady: @escaping @Sendable (_ host: String, _ port: Int) -> Void
) async throws {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = .warning
        return handler
    }
    try await RecordsSetup.precheck(configuration)
    let app = try buildApplication(configuration, onReady: onReady)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}

#if canImport(Glibc)
import Glibc
#endif

/// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread and every thread it creates
/// later, so that they reach the service's signal handling (Dispatch reads them through a
/// `signalfd` on Linux) instead of ending the process. Call it on the main thread before
/// any task or thread starts, as `statute serve` does.
public func blockServiceSignals() {
    #if canImport(Glibc)
    var signals = sigset_t()
    sigemptyset(&signals)
    for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    #endif
}
