import Foundation
import Hummingbird

/// The console's side of `--token-file` and `--users`: a page is shown when the request carries
/// `Authorization: Bearer TOKEN` (the server's token or a personal one) or the cookie of a
/// live session, started by the sign-in form and ended by signing out or by its expiry
/// (``ConsoleSessions``). A session started with a personal token knows its person. The cookie holds the
/// session's random id, never anything derived from the token; it is HttpOnly,
/// SameSite=Strict, and `Secure` when the server is told it is reached over HTTPS.
struct ConsoleAuth: Sendable {
    /// The cookie's name.
    static let cookieName = "statute_console"

    let token: [UInt8]?
    /// The people who may sign in with their own token (`--users`).
    let people: People?
    let sessions: ConsoleSessions
    /// Mark the cookie `Secure` (`--secure-cookie`: the console is reached through HTTPS).
    let secureCookie: Bool

    init(token: [UInt8]?, people: People? = nil, sessions: ConsoleSessions = ConsoleSessions(), secureCookie: Bool = false) {
        self.token = token
        self.people = people
        self.sessions = sessions
        self.secureCookie = secureCookie
    }

    /// Whether pages are protected at all.
    var isEnabled: Bool { token != nil || people != nil }

    /// Whether `request` may see the console.
    func allows(_ request: Request) -> Bool {
        guard isEnabled else { return true }
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "),
           accepts(String(header.dropFirst(7))) {
            return true
        }
        return session(request) != nil
    }

    /// The person a request acts as: the one its personal bearer token names, or the one
    /// who started its session with their own token; `nil` for anyone else.
    func person(_ request: Request) -> Person? {
        if let person = people?.person(authorization: request.headers[.authorization]) { return person }
        return session(request).flatMap { sessions.session($0)?.person }
    }

    /// The form key of the request's session (`nil` without one).
    func formKey(_ request: Request) -> String? {
        session(request).flatMap { sessions.session($0)?.formKey }
    }

    /// The live session `request` carries, if any.
    func session(_ request: Request) -> String? {
        Self.cookies(request).first { $0.name == Self.cookieName && sessions.isValid($0.value) }?.value
    }

    /// Whether `given` is the server's token or a person's own.
    func accepts(_ given: String) -> Bool {
        guard isEnabled else { return true }
        if let token, BearerTokenMiddleware<BasicRequestContext>.equal(Array(given.utf8), token) { return true }
        return people?.person(token: given) != nil
    }

    /// `Set-Cookie` for a new session, or for ending it (`nil`).
    func setCookie(session: String?) -> String {
        let attributes = "Path=/; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "")
        guard let session else { return "\(Self.cookieName)=; Max-Age=0; \(attributes)" }
        let seconds = sessions.lifetime.components.seconds
        return "\(Self.cookieName)=\(session); Max-Age=\(seconds); \(attributes)"
    }

    /// The request's cookies (`Cookie: a=1; b=2`), at most 50.
    static func cookies(_ request: Request) -> [(name: String, value: String)] {
        var found: [(String, String)] = []
        for header in request.headers[values: .cookie] {
            for piece in header.split(separator: ";").prefix(50) {
                let parts = piece.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                found.append((parts[0].trimmingCharacters(in: .whitespaces), parts[1].trimmingCharacters(in: .whitespaces)))
            }
        }
        return found
    }

    /// A page of this console to go to after signing in: a local path only (`/…`, not `//…`), else `/`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.count <= 2000,
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f && $0 != "\\" }) else { return "/" }
        return next
    }
}

/// Shows the sign-in form in place of any console page when the request is not signed in
/// (the routes it is added to: every page but the sign-in and sign-out ones).
struct ConsoleSignInMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: ConsolePages

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard pages.auth.allows(request) else {
            // A form sent by POST cannot be replayed by a redirect: come back to its page instead.
            return pages.login(next: request.method == .get ? request.uri.description : request.uri.path)
        }
        return try await next(request, context)
    }
}
