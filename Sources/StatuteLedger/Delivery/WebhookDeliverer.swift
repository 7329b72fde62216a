import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Hands outbox entries to an application over HTTP: each entry's JSON is POSTed to one URL
/// with an `Idempotency-Key` header; a 2xx answer means delivered, anything else (another
/// status, a refused connection, a timeout) is a failure with a one-line reason the caller
/// records and retries later. Redirects are not followed: a receiver answers where it is.
public struct WebhookDeliverer: Deliverer {
    /// The receiver's URL, as given.
    public let url: String
    /// How long one POST may take, from connecting to the last byte of the answer, in seconds.
    public let timeout: Double
    private let client: HTTPClient

    /// Checks `url` (an `http://` or `https://` URL with a host); a malformed one is a
    /// one-line error. Requests go through AsyncHTTPClient's shared client.
    public init(url: String, timeout: Double = 30) throws(WebhookURLError) {
        guard let schemeEnd = url.range(of: "://") else {
            throw WebhookURLError(url: url, problem: "it has no scheme")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw WebhookURLError(url: url, problem: "the scheme must be http or https")
        }
        let authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map { $0.prefix { $0 != ":" } } ?? ""
        guard !host.isEmpty || authority.hasPrefix("[") else {
            throw WebhookURLError(url: url, problem: "it has no host")
        }
        guard !url.contains(where: { $0.isWhitespace }) else {
            throw WebhookURLError(url: url, problem: "it contains white space")
        }
        self.url = url
        self.timeout = timeout
        self.client = .shared
    }

    public func deliver(_ entry: OutboxEntry, json: [UInt8]) async throws(DeliveryFailure) {
        if let reason = await deliver(body: json, key: entry.key, effect: entry.effect, record: entry.record) {
            throw DeliveryFailure(reason)
        }
    }

    /// POSTs one entry. `body` is the entry's JSON (as `statute ledger outbox --format json`
    /// prints it); `key` its idempotency key. Returns nil when delivered, else why not.
    func deliver(body: [UInt8], key: String, effect: String, record: String) async -> String? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: key)
        request.headers.add(name: "Statute-Effect", value: Self.headerSafe(effect))
        request.headers.add(name: "Statute-Record", value: Self.headerSafe(record))
        request.body = .bytes(body)
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64((timeout * 1000).rounded(.up))))
            // The answer's body is read (so the connection can be reused) but only its start
            // goes into the reason: a receiver's page is not the outbox's to keep.
            let answer = try await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(response.status.code) { return nil }
            var reason = "HTTP \(response.status.code) \(response.status.reasonPhrase)"
            let excerpt = Self.excerpt(answer)
            if !excerpt.isEmpty { reason += ": \(excerpt)" }
            return reason
        } catch {
            return "POST \(url) failed: \(Self.describe(error))"
        }
    }

    /// The first line of an answer's body, at most 200 characters of printable text.
    private static func excerpt(_ buffer: ByteBuffer) -> String {
        let text = String(decoding: buffer.readableBytesView.prefix(400), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let printable = line.unicodeScalars.filter { !$0.properties.generalCategory.isControl }
        return String(String.UnicodeScalarView(printable).prefix(200))
    }

    /// Header values carry no line breaks or control characters.
    private static func headerSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                return "no answer within the time allowed"
            }
            return String(describing: error)
        }
        let text = String(describing: error)
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }
}

/// A `--webhook` URL that is not an http(s) URL with a host.
public struct WebhookURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL as given.
    public var url: String
    /// What is wrong with it.
    public var problem: String

    /// Creates an error.
    public init(url: String, problem: String) {
        self.url = url
        self.problem = problem
    }

    public var description: String {
        "malformed webhook URL '\(url)': \(problem) (expected http://HOST[:PORT]/PATH or https://…)"
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isControl: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
