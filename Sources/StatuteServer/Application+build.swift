import Foundation
public import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Statute

/// Builds the decision service for `configuration` (docs/service.md): loads every
/// policy once, opens the decision log, and returns the application, ready to run.
/// `statute serve` runs it with `runService()`; tests call it and use HummingbirdTesting.
///
/// - Parameters:
///   - configuration: what to serve and how.
///   - trapSIGHUP: reload on SIGHUP (off in tests that run several servers in one process).
///   - onReady: called with the address once the server listens.
/// - Throws: ``ServerSetupError`` when the policy paths, decision log or settings cannot be used.
public func buildApplication(
    _ configuration: ServerConfiguration,
    trapSIGHUP: Bool = true,
    onReady: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in }
) throws(ServerSetupError) -> some ApplicationProtocol {
    if case .failure(let error) = PolicyFiles.find(configuration.policyPaths) { throw error }
    if case .success(let found) = PolicyFiles.find(configuration.policyPaths), found.isEmpty {
        throw ServerSetupError("no policy files found in \(configuration.policyPaths.map { "`\($0)`" }.joined(separator: ", "))")
    }
    if let settings = configuration.settingsFile, !FileManager.default.isReadableFile(atPath: settings) {
        throw ServerSetupError("cannot read the settings file `\(settings)`")
    }
    if let token = configuration.token, token.count < ServerConfiguration.minimumTokenLength {
        throw ServerSetupError("the token is \(token.count) characters long; a token needs at least "
            + "\(ServerConfiguration.minimumTokenLength) (make one with `openssl rand -hex 32`)")
    }
    var logger = Logger(label: "statute.serve")
    logger.logLevel = .warning
    let metrics = ServiceMetrics()
    let store = PolicyStore(paths: configuration.policyPaths, settingsFile: configuration.settingsFile, metrics: metrics)
    store.refresh(force: true)
    let log = try configuration.decisionLogPath.map { path throws(ServerSetupError) in try DecisionLog(path: path) }
    let decider = Decider(log: log, metrics: metrics, today: configuration.today)
    // Records (`--store`, `--sweep-every`) and people (`--users`): docs/service.md.
    let backend = try RecordsSetup.backend(configuration)
    let people = try RecordsSetup.people(configuration)

    let router = Router()
    router.add(middleware: ErrorAndMetricsMiddleware(metrics: metrics, logger: logger))
    router.add(middleware: HostCheckMiddleware(host: configuration.host, allowedHosts: configuration.allowedHosts))
    if let backend { router.add(middleware: StoreReadinessMiddleware(backend: backend)) }
    OperationsController(store: store, metrics: metrics,
                         token: configuration.tokenGuardsOperations ? configuration.token.map { Array($0.utf8) } : nil)
        .addRoutes(to: router)
    // The status console's HTML pages at `/` (docs/service.md); the token protects them too.
    let pages: ConsolePages
    let auth = ConsoleAuth(token: configuration.token.map { Array($0.utf8) }, people: people, secureCookie: configuration.secureCookie)
    do { pages = try ConsolePages(auth: auth, records: backend != nil) }
    catch { throw ServerSetupError("the console's templates could not be read: \(error)") }
    ConsoleController(store: store, pages: pages, diagrams: DiagramCache(), today: configuration.today)
        .addRoutes(to: router)
    RecordPageController(policies: store, backend: backend, pages: pages, today: configuration.today)
        .addRoutes(to: router)
    let v1 = router.group("v1")
    if let people {
        v1.add(middleware: PeopleTokenMiddleware(token: configuration.token.map { Array($0.utf8) }, people: people))
    } else if let token = configuration.token {
        v1.add(middleware: BearerTokenMiddleware(token: Array(token.utf8)))
    }
    v1.add(middleware: ConcurrencyLimitMiddleware(limit: configuration.maxConcurrentRequests,
                                                  runLimit: configuration.maxConcurrentRuns))
    PolicyController(store: store).addRoutes(to: v1)
    DecisionController(store: store, decider: decider, configuration: configuration).addRoutes(to: v1)
    RecordsController(policies: store, backend: backend, people: people, maxBodyBytes: configuration.maxBodyBytes)
        .addRoutes(to: v1)
    var services: [any Service] = [DecisionLogService(log: log),
                                   PolicyWatcher(store: store, interval: configuration.watchInterval, trapSIGHUP: trapSIGHUP)]
    if let backend {
        // First, so graceful shutdown reaches it last: the store closes after the last request.
        services.insert(StoreClosingService(backend: backend), at: 0)
        if let period = configuration.sweepEvery {
            services.append(RecordSweeper(policies: store, backend: backend, period: period, logger: logger))
        }
    }

    return Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [ContinueHandler(), BodyDeadlineHandler(timeout: TimeAmount(configuration.requestTimeout))],
                                            idleTimeout: TimeAmount(configuration.idleTimeout))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: services,
        onServerRunning: { channel in
            onReady(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}

extension TimeAmount {
    /// A Swift `Duration` as NIO's time amount, to the nanosecond.
    init(_ duration: Duration) {
        let parts = duration.components
        self = .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }
}
