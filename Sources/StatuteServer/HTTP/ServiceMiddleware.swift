import Hummingbird
import Logging
import Statute
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns every error into `{"error": {"code", "message"}}` — 404 and 405 for unknown
/// routes and methods, 500 for anything unexpected (logged, never shown) — and counts
/// every answer in the metrics by route pattern and status code.
struct ErrorAndMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServiceError {
            response = try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try translate(error.status, request: request).response(from: request, context: context)
        } catch {
            logger.error("unexpected error answering \(request.method) \(request.uri.path): \(error)")
            response = try ServiceError.internal("the server could not answer this request")
                .response(from: request, context: context)
        }
        let route = context.endpointPath ?? "unmatched"
        metrics.request(route: route == "NotFound" ? "unmatched" : route, status: response.status.code)
        return response
    }

    /// Hummingbird's own errors, in the service's words.
    private func translate(_ status: HTTPResponse.Status, request: Request) -> ServiceError {
        switch status {
        case .notFound:
            let methods = ServiceRoutes.methods(for: request.uri.path)
            if !methods.isEmpty, !methods.contains(request.method) {
                return .methodNotAllowed(request.method, path: request.uri.path, allowed: methods)
            }
            return .notFound(request.uri.path)
        case .contentTooLarge:
            return ServiceError(status: status, code: "body-too-large", message: "the request body is too large")
        case .requestTimeout:
            return .timeout
        default:
            return ServiceError(status: status, code: "http-\(status.code)", message: status.reasonPhrase)
        }
    }
}

/// Requires `Authorization: Bearer TOKEN` on the routes it guards (every `/v1` route).
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers.value(.authorization), header.hasPrefix("Bearer "),
              Self.equal(Array(header.utf8.dropFirst(7)), token) else {
            throw ServiceError.unauthorized
        }
        return try await next(request, context)
    }

    /// Compares in time that depends only on the lengths.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// At most `limit` requests at once on the routes it guards, and apart from them at most
/// `runLimit` `run` requests (whose bodies stream, so slow `run` clients can never take
/// the places `evaluate` needs); the rest get 503 with `Retry-After`. A place is held by a
/// ``Slot``: a `run`'s response body keeps it alive, so a streamed answer holds its place
/// until it is written or dropped; any other request's answer is complete when its handler
/// returns, and gives its place back then.
struct ConcurrencyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    final class Counter: Sendable {
        let inFlight = Atomic<Int>(0)
    }

    /// One request's place; freed when the last reference (the response body) goes.
    final class Slot: Sendable {
        let counter: Counter
        init(_ counter: Counter) { self.counter = counter }
        deinit { counter.inFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing) }
    }

    let limit: Int
    let runLimit: Int
    let counter = Counter()
    let runCounter = Counter()

    init(limit: Int, runLimit: Int) {
        self.limit = limit
        self.runLimit = runLimit
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isRun = request.method == .post && RunPath.matches(request.head.path ?? "")
        let counter = isRun ? runCounter : self.counter
        let now = counter.inFlight.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        let slot = Slot(counter)
        guard now <= (isRun ? runLimit : limit) else { throw ServiceError.overloaded }
        // Any other answer is whole when the handler returns: its place is given back then.
        guard isRun else {
            defer { withExtendedLifetime(slot) {} }
            return try await next(request, context)
        }
        var response = try await next(request, context)
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(writer)
            withExtendedLifetime(slot) {}
        }
        return response
    }
}

/// Refuses requests whose `Host` is not a name this server answers to, with 421, so a web
/// page cannot reach the service through DNS rebinding (docs/service.md). Accepted: the
/// localhost names (`localhost`, `*.localhost`, `127.0.0.1`, `::1`), the `--host` address,
/// the names given with `--allowed-host`, and, when listening on every address
/// (`0.0.0.0`, `::`), any IP address written as such. A request with no `Host` is let
/// through: no browser sends one.
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: Set<String>
    let anyAddress: Bool

    init(host: String, allowedHosts: [String]) {
        var names: Set<String> = ["localhost", "127.0.0.1", "::1"]
        names.insert(Self.normalized(host))
        for name in allowedHosts { names.insert(Self.normalized(name)) }
        allowed = names
        anyAddress = ["0.0.0.0", "::", ""].contains(Self.normalized(host))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let authority = request.head.authority else { return try await next(request, context) }
        let name = Self.hostName(of: authority)
        guard allowed.contains(name) || name.hasSuffix(".localhost") || (anyAddress && Self.isIPAddress(name)) else {
            throw ServiceError(status: .misdirectedRequest, code: "unknown-host",
                               message: "this server does not answer to the host `\(Escaping.shortened(Self.hostPart(of: authority)))`; "
                                   + "start it with `--allowed-host NAME` to accept a name")
        }
        return try await next(request, context)
    }

    /// `normalized(hostPart(of: authority))`, read as bytes when the authority is ASCII (as
    /// every Host a client sends is): this runs on every request.
    static func hostName(of authority: String) -> String {
        var authority = authority
        let ascii: String? = authority.withUTF8 { raw in
            guard raw.allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = raw.startIndex
            var end = raw.endIndex
            if raw.first == UInt8(ascii: "["), let close = raw.firstIndex(of: UInt8(ascii: "]")) {
                start += 1
                end = close
            } else if let colon = raw.lastIndex(of: UInt8(ascii: ":")), raw.firstIndex(of: UInt8(ascii: ":")) == colon {
                end = colon
            }
            if end - start >= 2, raw[start] == UInt8(ascii: "["), raw[end - 1] == UInt8(ascii: "]") {
                start += 1
                end -= 1
            }
            while end > start, raw[end - 1] == UInt8(ascii: ".") { end -= 1 }
            return String(unsafeUninitializedCapacity: end - start) { output in
                for offset in 0..<(end - start) {
                    let byte = raw[start + offset]
                    output[offset] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                }
                return end - start
            }
        }
        return ascii ?? normalized(hostPart(of: authority))
    }

    /// `example.com:8080` → `example.com`; `[::1]:8080` → `::1`.
    static func hostPart(of authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<end])
        }
        if let colon = authority.lastIndex(of: ":"), authority.firstIndex(of: ":") == colon {
            return String(authority[..<colon])
        }
        return authority
    }

    /// Lowercased, without brackets or a trailing dot.
    static func normalized(_ name: String) -> String {
        var text = name.lowercased()
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
