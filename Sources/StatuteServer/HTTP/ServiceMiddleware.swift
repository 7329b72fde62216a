import Hummingbird
import Logging
import Synchronization

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
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
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

/// At most `limit` requests at once on the routes it guards; the rest get 503 with
/// `Retry-After`. A place is held by a ``Slot`` that the response body keeps alive, so a
/// streamed answer (`run`) holds its place until it is written or dropped.
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
    let counter = Counter()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let now = counter.inFlight.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        let slot = Slot(counter)
        guard now <= limit else { throw ServiceError.overloaded }
        var response = try await next(request, context)
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(writer)
            withExtendedLifetime(slot) {}
        }
        return response
    }
}
