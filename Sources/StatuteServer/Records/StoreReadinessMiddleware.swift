import Hummingbird
import Statute

/// `/readyz` with a store: 503 while the store cannot be used (unreachable, locked past the
/// busy timeout, without the ledger schema), naming why; otherwise the policies decide.
/// Other requests pass through untouched.
struct StoreReadinessMiddleware<Context: RequestContext>: RouterMiddleware {
    let backend: RecordsBackend

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/readyz", request.method == .get || request.method == .head else {
            return try await next(request, context)
        }
        let response = try await next(request, context)
        // Only a request the route answers (not one refused for its token) asks the store.
        guard response.status == .ok, let problem = await backend.problem() else { return response }
        return JSONResponse.make(.object([("status", .string("not-ready")), ("waiting_for", .array([.string("store")])),
                                          ("store", .string(problem))]),
                                 status: .serviceUnavailable, headers: [.retryAfter: "5"])
    }
}
