import Hummingbird
import Statute

/// `GET /v1/policies`, `/v1/policies/{name}`, `/docs` and `/graph` (docs/service.md).
struct PolicyController<Context: RequestContext> {
    let store: PolicyStore

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("policies", use: list)
        group.get("policies/{name}", use: detail)
        group.get("policies/{name}/docs", use: docs)
        group.get("policies/{name}/graph", use: graph)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        JSONResponse.make(.object([("policies", .array(store.all().map(\.summaryJSON)))]))
    }

    @Sendable func detail(_ request: Request, context: Context) async throws -> Response {
        JSONResponse.make(try entry(context).detailJSON)
    }

    @Sendable func docs(_ request: Request, context: Context) async throws -> Response {
        let policy = try serving(context).policy
        return JSONResponse.text(PolicyDocs.markdown(for: policy), contentType: "text/markdown; charset=utf-8")
    }

    @Sendable func graph(_ request: Request, context: Context) async throws -> Response {
        let format = request.uri.queryParameters.get("format") ?? "mermaid"
        let policy = try serving(context).policy
        switch format {
        case "mermaid": return JSONResponse.text(PolicyGraph.mermaid(for: policy), contentType: "text/plain; charset=utf-8")
        case "dot": return JSONResponse.text(PolicyGraph.dot(for: policy), contentType: "text/vnd.graphviz; charset=utf-8")
        default:
            throw ServiceError.badRequest(code: "invalid-format",
                                          message: "unknown graph format `\(Escaping.shortened(format))`; use `mermaid` or `dot`")
        }
    }

    private func entry(_ context: Context) throws -> PolicyEntry {
        let name = context.parameters.get("name") ?? ""
        guard let entry = store.entry(name) else { throw ServiceError.unknownPolicy(name) }
        return entry
    }

    private func serving(_ context: Context) throws -> PolicyVersion {
        let entry = try entry(context)
        guard let version = entry.serving else { throw ServiceError.notLoaded(entry.name) }
        return version
    }
}
