import Foundation
public import Statute

/// Everything `statute serve` is told on its command line (docs/service.md), plus the limits a
/// deployment may tune. Tests build one directly and hand it to ``buildApplication(_:)``.
public struct ServerConfiguration: Sendable {
    /// Policy files and folders (folders: every `*.yaml`/`*.yml` below that is not a test file).
    public var policyPaths: [String]
    /// The address to listen on; `127.0.0.1` unless told otherwise.
    public var host: String
    /// The port; 0 picks a free one (the ready line names it).
    public var port: Int
    /// A JSON or YAML file of setting values, read against each policy's declarations.
    public var settingsFile: String?
    /// Where decisions are appended, one JSON line each (docs/service.md).
    public var decisionLogPath: String?
    /// The bearer token every `/v1` route requires, when given.
    public var token: String?
    /// The largest evaluate/options body, in bytes (1 MiB).
    public var maxBodyBytes: Int
    /// The largest `run` body, in bytes (64 MiB).
    public var maxRunBodyBytes: Int
    /// Requests served at once on `/v1`; more get 503 with `Retry-After`.
    public var maxConcurrentRequests: Int
    /// How long an evaluate/options request may take to send its body and be answered.
    public var requestTimeout: Duration
    /// How long a connection may stay idle before it is closed.
    public var idleTimeout: Duration
    /// How often policy files are checked for changes.
    public var watchInterval: Duration
    /// Today's date, for requests that give none (the server's local date).
    public var today: @Sendable () -> CalendarDate
    /// `Host` names accepted besides the localhost names and ``host`` (DNS-rebinding guard).
    public var allowedHosts: [String] = []
    /// Whether ``token`` also guards `/metrics`, `/readyz` and `/openapi.json` (`/healthz` stays open).
    public var tokenGuardsOperations = false
    /// `run` requests served at once, apart from ``maxConcurrentRequests``; more get 503.
    public var maxConcurrentRuns = 16
    /// The longest wait for the next part of a `run` body.
    public var runChunkTimeout: Duration = .seconds(30)
    /// The slowest average a `run` body may arrive at, in bytes a second, once ``runChunkTimeout`` of waiting has passed.
    public var runMinimumBytesPerSecond = 1024
    /// Mark the console's session cookie `Secure` (`--secure-cookie`): the console is reached
    /// through HTTPS (a proxy that ends TLS), so the browser never sends the cookie in clear.
    public var secureCookie = false
    /// The ledger store whose records `/v1/records` and the console's record pages serve
    /// (`--store`: `sqlite:PATH` or `postgres://…`); none: the service keeps no records.
    public var store: String?
    /// How long the store may be locked or unreachable before a request gives up, in seconds.
    public var storeBusyTimeout: Double = 5
    /// Sweep every served policy's records on this period (`--sweep-every`); needs ``store``.
    public var sweepEvery: Duration?
    /// The people who may sign in with their own token, and their roles (`--users`).
    public var usersFile: String?
    /// The fewest characters a token may have (`--token-file`); a shorter one is refused at start.
    public static let minimumTokenLength = 16

    /// Creates a configuration with docs/service.md's defaults.
    public init(policyPaths: [String] = ["policies"], host: String = "127.0.0.1", port: Int = 8080,
                settingsFile: String? = nil, decisionLogPath: String? = nil, token: String? = nil,
                maxBodyBytes: Int = 1 << 20, maxRunBodyBytes: Int = 64 << 20, maxConcurrentRequests: Int = 256,
                requestTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60),
                watchInterval: Duration = .seconds(1),
                today: @escaping @Sendable () -> CalendarDate = ServerConfiguration.localDate) {
        self.policyPaths = policyPaths
        self.host = host
        self.port = port
        self.settingsFile = settingsFile
        self.decisionLogPath = decisionLogPath
        self.token = token
        self.maxBodyBytes = maxBodyBytes
        self.maxRunBodyBytes = maxRunBodyBytes
        self.maxConcurrentRequests = maxConcurrentRequests
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.watchInterval = watchInterval
        self.today = today
    }

    /// The server's local date.
    @Sendable public static func localDate() -> CalendarDate {
        // The C library's local time (the same TZ as Foundation's calendar): asked on every
        // decision, and Calendar's date components cost as much as evaluating the record.
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil,
              let date = CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
        else { return CalendarDate(year: 1970, month: 1, day: 1)! }
        return date
    }

    /// Reads a token file: its first line, without surrounding white space.
    public static func readToken(contentsOf path: String) -> Result<String, ServerSetupError> {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 4096,
              let text = String(data: data, encoding: .utf8) else {
            return .failure(ServerSetupError("cannot read the token file `\(path)` (a UTF-8 text file of at most 4 KiB)"))
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else { return .failure(ServerSetupError("the token file `\(path)` is empty")) }
        return .success(token)
    }
}

/// A reason the server cannot start: one readable line.
public struct ServerSetupError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
