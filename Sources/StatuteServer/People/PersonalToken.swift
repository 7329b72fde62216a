import Crypto
import Foundation

/// A person's own token (docs/service.md, "People"): `stu_`, a 16-hex-digit id, `_`, and 64
/// hex digits of secret from the system's random generator (256 bits). The users file
/// keeps the id in clear, to find the person without trying every entry, and a salted
/// SHA-256 of the secret, never the secret itself.
///
/// Why a salted SHA-256 rather than a slow password hash: the secret is 256 random bits
/// that no person chose, so there is nothing to guess that a slow hash would protect; the
/// salt keeps two files' hashes from being compared, and the comparison takes a time that
/// does not depend on where the bytes differ.
package struct PersonalToken: Hashable, Sendable {
    /// The public part that names the entry in the users file.
    package var id: String
    /// The secret part.
    package var secret: String

    /// The token as the person types or sends it.
    package var text: String { "stu_\(id)_\(secret)" }

    /// A new token from the system's random generator.
    package static func generate() -> PersonalToken {
        var generator = SystemRandomNumberGenerator()
        func hex(_ words: Int) -> String {
            (0..<words).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
        }
        return PersonalToken(id: hex(1), secret: hex(4))
    }

    /// Reads `stu_ID_SECRET`; `nil` for anything else.
    package init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "stu", parts[1].count == 16, parts[2].count == 64,
              parts[1].allSatisfy(\.isHexDigit), parts[2].allSatisfy(\.isHexDigit) else { return nil }
        self.init(id: String(parts[1]).lowercased(), secret: String(parts[2]).lowercased())
    }

    package init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// `sha256:SALT:HASH` for a new random salt: what `statute users add` writes.
    package func saltedHash() -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
        return "sha256:\(salt):\(Self.hash(secret: secret, salt: salt))"
    }

    /// Whether the secret matches a `sha256:SALT:HASH` written by ``saltedHash()``.
    package func matches(_ stored: String) -> Bool {
        let parts = stored.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sha256" else { return false }
        let expected = Array(parts[2].lowercased().utf8)
        let actual = Array(Self.hash(secret: secret, salt: String(parts[1])).utf8)
        return Self.equal(actual, expected)
    }

    /// Whether `stored` has the form ``saltedHash()`` writes.
    package static func isHashForm(_ stored: String) -> Bool {
        let parts = stored.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "sha256" && parts[1].count >= 16 && parts[2].count == 64
            && parts[1].allSatisfy(\.isHexDigit) && parts[2].allSatisfy(\.isHexDigit)
    }

    private static func hash(secret: String, salt: String) -> String {
        let digest = SHA256.hash(data: Array((salt + ":" + secret).utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in time that depends only on the lengths.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
