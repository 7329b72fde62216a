import Hummingbird
import Statute

/// `GET /healthz`, `/readyz`, `/metrics` and `/openapi.json` (docs/service.md).
struct OperationsController<Context: RequestContext> {
    let store: PolicyStore
    let metrics: ServiceMetrics

    func addRoutes(to router: Router<Context>) {
        router.get("healthz") { _, _ in
            JSONResponse.make(.object([("status", .string("ok"))]))
        }
        router.get("readyz") { _, _ in
            let pending = store.all().filter { $0.serving == nil }.map(\.name)
            if store.isReady { return JSONResponse.make(.object([("status", .string("ready"))])) }
            return JSONResponse.make(.object([("status", .string("not-ready")),
                                              ("waiting_for", .array(pending.map { .string($0) }))]),
                                     status: .serviceUnavailable, headers: [.retryAfter: "1"])
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        router.get("openapi.json") { _, _ in
            JSONResponse.text(OpenAPIDocument.json, contentType: "application/json")
        }
    }
}
