import Crypto
import Foundation
import Hummingbird

/// The console's side of `--token-file`: a page is shown when the request carries
/// `Authorization: Bearer TOKEN` or the session cookie the login form sets. The cookie
/// holds an HMAC of the token, never the token itself; it is HttpOnly and SameSite=Strict.
struct ConsoleAuth: Sendable {
    /// The cookie's name.
    static let cookieName = "statute_console"
    /// How long a session lasts, in seconds (twelve hours).
    static let maxAge = 12 * 60 * 60

    let token: [UInt8]?

    /// Whether pages are protected at all.
    var isEnabled: Bool { token != nil }

    /// The cookie value that proves the token was given.
    var sessionValue: String? {
        guard let token else { return nil }
        let key = SymmetricKey(data: token)
        let code = HMAC<SHA256>.authenticationCode(for: Array("statute console session v1".utf8), using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `request` may see the console.
    func allows(_ request: Request) -> Bool {
        guard let token else { return true }
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "),
           BearerTokenMiddleware<BasicRequestContext>.equal(Array(header.utf8.dropFirst(7)), token) {
            return true
        }
        guard let expected = sessionValue else { return false }
        for cookie in Self.cookies(request) where cookie.name == Self.cookieName {
            if BearerTokenMiddleware<BasicRequestContext>.equal(Array(cookie.value.utf8), Array(expected.utf8)) { return true }
        }
        return false
    }

    /// Whether `given` is the token.
    func accepts(_ given: String) -> Bool {
        guard let token else { return true }
        return BearerTokenMiddleware<BasicRequestContext>.equal(Array(given.utf8), token)
    }

    /// `Set-Cookie` for a new session, or for ending it (`nil`).
    func setCookie(session: String?) -> String {
        guard let session else {
            return "\(Self.cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        }
        return "\(Self.cookieName)=\(session); Path=/; Max-Age=\(Self.maxAge); HttpOnly; SameSite=Strict"
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
