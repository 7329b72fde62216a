import Statute

/// The OpenAPI 3.1 document of the decision service, served at `/openapi.json`: the bytes of
/// `docs/openapi.json`, embedded in the binary as a SwiftPM resource (the target's
/// `Resources/openapi.json` is a link to it, so the repository keeps one copy).
enum OpenAPIDocument {
    /// The document's text, as in the repository.
    static let json = String(decoding: PackageResources.openapi_json, as: UTF8.self)

    /// Every operation the document names, as method and path template (`/v1/policies/{name}`),
    /// in the document's order.
    static let operations: [(method: HTTPMethodName, path: String)] = {
        guard case .success(let document) = JSONReader.parse(PackageResources.openapi_json),
              case .object(let paths)? = document["paths"] else { return [] }
        var found: [(HTTPMethodName, String)] = []
        for (path, item) in paths {
            guard case .object(let members) = item else { continue }
            for (method, _) in members {
                if let name = HTTPMethodName(rawValue: method) { found.append((name, path)) }
            }
        }
        return found
    }()
}

/// The methods an OpenAPI path item may hold.
enum HTTPMethodName: String, Sendable {
    case get, put, post, delete, options, head, patch, trace
}
