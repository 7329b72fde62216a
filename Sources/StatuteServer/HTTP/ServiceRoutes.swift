import Hummingbird

/// Every route of the service's API (docs/service.md), read from the OpenAPI document the
/// server serves, so the two cannot disagree; used to tell 405 (a known path, another
/// method) from 404. A test holds the router to this list: each route is answered.
enum ServiceRoutes {
    static let all: [(method: HTTPRequest.Method, path: String)] = OpenAPIDocument.operations.compactMap { operation in
        HTTPRequest.Method(operation.method.rawValue.uppercased()).map { ($0, operation.path) }
    }

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
