import Foundation

/// Someone who may sign in with their own token: their name is the `actor` of the changes
/// they make, and their role the `as` of their manual requests (docs/service.md, "People").
package struct Person: Hashable, Sendable {
    /// The name recorded in the history of what they change.
    package var name: String
    /// The one role they act in.
    package var role: String
    /// The public id of their token.
    package var tokenID: String
    /// `sha256:SALT:HASH` of their token's secret.
    package var tokenHash: String

    package init(name: String, role: String, tokenID: String, tokenHash: String) {
        self.name = name
        self.role = role
        self.tokenID = tokenID
        self.tokenHash = tokenHash
    }

    /// Why `name` cannot be a person's name, or `nil`: 1 to 100 characters, no control characters.
    package static func problem(name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "a name must not be empty" }
        if name.count > 100 { return "a name has at most 100 characters" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a name must not hold control characters"
        }
        return nil
    }

    /// Why `role` cannot be a role, or `nil`: a letter, then letters, digits, `_` or `-`, as policies name roles.
    package static func problem(role: String) -> String? {
        guard let first = role.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
              role.count <= 64,
              role.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
        else { return "a role is a letter, then letters, digits, `_` or `-` (at most 64)" }
        return nil
    }
}
