import Statute

/// Where a PostgreSQL store lives: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`
/// (`postgresql://` is accepted too). User, password and database may be percent-encoded.
package struct PostgresStoreURL: Sendable, Equatable {
    package var user: String
    package var password: String?
    package var host: String
    package var port: Int
    package var database: String

    /// Creates a URL from its parts.
    package init(user: String, password: String?, host: String, port: Int, database: String) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    /// The URL with its password replaced by `***`, for messages and logs.
    package var redacted: String {
        let credentials = password == nil ? user : "\(user):***"
        return "postgres://\(credentials)@\(host):\(port)/\(database)"
    }

    /// True for `postgres://` and `postgresql://` URLs (whether or not they are well formed).
    package static func names(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a store URL; a malformed one is a one-line error that never repeats the password.
    package init(parsing text: String) throws(PostgresStoreURLError) {
        let rest: Substring
        if text.hasPrefix("postgres://") {
            rest = text.dropFirst("postgres://".count)
        } else if text.hasPrefix("postgresql://") {
            rest = text.dropFirst("postgresql://".count)
        } else {
            throw PostgresStoreURLError(url: text, problem: "it does not start with postgres://")
        }
        guard let at = rest.lastIndex(of: "@") else {
            throw PostgresStoreURLError(url: text, problem: "no USER@ before the host")
        }
        let credentials = rest[..<at]
        let location = rest[rest.index(after: at)...]
        guard let slash = location.firstIndex(of: "/") else {
            throw PostgresStoreURLError(url: text, problem: "no /DB after the host")
        }
        let hostAndPort = location[..<slash]
        let databaseText = location[location.index(after: slash)...]
        if databaseText.contains(where: { $0 == "?" || $0 == "#" || $0 == "/" }) {
            throw PostgresStoreURLError(url: text, problem: "the database name may not contain ?, # or /")
        }

        let userText: Substring
        let passwordText: Substring?
        if let colon = credentials.firstIndex(of: ":") {
            userText = credentials[..<colon]
            passwordText = credentials[credentials.index(after: colon)...]
        } else {
            userText = credentials
            passwordText = nil
        }
        guard let user = PercentDecoding.decode(userText.utf8), !user.isEmpty else {
            throw PostgresStoreURLError(url: text, problem: "the user is empty or badly percent-encoded")
        }
        var password: String?
        if let passwordText {
            guard let decoded = PercentDecoding.decode(passwordText.utf8) else {
                throw PostgresStoreURLError(url: text, problem: "the password is badly percent-encoded")
            }
            password = decoded
        }
        guard let database = PercentDecoding.decode(databaseText.utf8), !database.isEmpty else {
            throw PostgresStoreURLError(url: text, problem: "the database name is empty or badly percent-encoded")
        }

        var host = String(hostAndPort)
        var port = 5432
        if hostAndPort.hasPrefix("[") {
            // An IPv6 literal: [::1] or [::1]:5433.
            guard let close = hostAndPort.firstIndex(of: "]") else {
                throw PostgresStoreURLError(url: text, problem: "an IPv6 host lacks its closing ]")
            }
            host = String(hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close])
            let after = hostAndPort[hostAndPort.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else {
                    throw PostgresStoreURLError(url: text, problem: "unexpected text after the IPv6 host")
                }
                port = try Self.port(after.dropFirst(), url: text)
            }
        } else if let colon = hostAndPort.firstIndex(of: ":") {
            host = String(hostAndPort[..<colon])
            port = try Self.port(hostAndPort[hostAndPort.index(after: colon)...], url: text)
        }
        guard !host.isEmpty else {
            throw PostgresStoreURLError(url: text, problem: "the host is empty")
        }
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    private static func port(_ text: Substring, url: String) throws(PostgresStoreURLError) -> Int {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber),
              let port = Int(text), (1...65535).contains(port) else {
            throw PostgresStoreURLError(url: url, problem: "the port must be a number from 1 to 65535")
        }
        return port
    }
}

/// A store URL that is not `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`.
package struct PostgresStoreURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL as given, with anything between `:` and `@` after the user hidden.
    package var url: String
    package var problem: String

    init(url: String, problem: String) {
        self.url = Self.hidingPassword(url)
        self.problem = problem
    }

    package var description: String {
        "malformed store URL '\(url)': \(problem) (expected postgres://USER[:PASSWORD]@HOST[:PORT]/DB)"
    }

    private static func hidingPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url.lastIndex(of: "@"), scheme.upperBound < at else {
            return url
        }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
