import Hummingbird

/// With `--users`, every `/v1` route needs `Authorization: Bearer TOKEN` with the server's
/// token (`--token-file`, when given) or a person's own token; 401 otherwise.
struct PeopleTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]?
    let people: People

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw ServiceError.unauthorized }
        let given = header.dropFirst(7)
        let isServerToken = token.map { BearerTokenMiddleware<Context>.equal(Array(given.utf8), $0) } ?? false
        guard isServerToken || people.person(token: given) != nil else { throw ServiceError.unauthorized }
        return try await next(request, context)
    }
}
