import Hummingbird

/// Every route the service answers (docs/service.md), as written in docs/openapi.json; used to
/// tell 405 (a known path, another method) from 404, and by the tests that hold the
/// OpenAPI document and the router to each other.
enum ServiceRoutes {
    static let all: [(method: HTTPRequest.Method, path: String)] = [
        (.get, "/v1/policies"),
        (.get, "/v1/policies/{name}"),
        (.get, "/v1/policies/{name}/docs"),
        (.get, "/v1/policies/{name}/graph"),
        (.post, "/v1/policies/{name}/evaluate"),
        (.post, "/v1/policies/{name}/options"),
        (.post, "/v1/policies/{name}/run"),
        (.get, "/healthz"),
        (.get, "/readyz"),
        (.get, "/metrics"),
        (.get, "/openapi.json"),
    ]

    /// The methods of the route whose template matches `path`, empty when none does.
    static func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = split(path)
        return all.filter { route in
            let template = split(route.path)
            return template.count == segments.count
                && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }.map(\.method)
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
