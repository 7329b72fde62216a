import Hummingbird
import Statute

/// `GET /healthz`, `/readyz`, `/metrics` and `/openapi.json` (docs/service.md). With a
/// `token`, every one but `/healthz` requires it (`--token-guards-operations`).
struct OperationsController<Context: RequestContext> {
    let store: PolicyStore
    let metrics: ServiceMetrics
    let token: [UInt8]?

    /// 401 unless the request carries the token, when there is one.
    private func authorize(_ request: Request) throws {
        guard let token else { return }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              BearerTokenMiddleware<Context>.equal(Array(header.utf8.dropFirst(7)), token) else {
            throw ServiceError.unauthorized
        }
    }

    func addRoutes(to router: Router<Context>) {
        router.get("healthz") { _, _ in
            JSONResponse.make(.object([("status", .string("ok"))]))
        }
        router.get("readyz") { request, _ in
            try authorize(request)
            let pending = store.all().filter { $0.serving == nil }.map(\.name)
            if store.isReady { return JSONResponse.make(.object([("status", .string("ready"))])) }
            return JSONResponse.make(.object([("status", .string("not-ready")),
                                              ("waiting_for", .array(pending.map { .string($0) }))]),
                                     status: .serviceUnavailable, headers: [.retryAfter: "1"])
        }
        router.get("metrics") { request, _ in
            try authorize(request)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        router.get("openapi.json") { request, _ in
            try authorize(request)
            return JSONResponse.text(OpenAPIDocument.json, contentType: "application/json")
        }
    }
}
