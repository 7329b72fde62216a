import Foundation
package import Statute
import StatuteYAML

/// The people of a users file (`--users FILE`, written by `statute users add`):
///
/// ```yaml
/// users:
///   - name: "Ada Lovelace"
///     role: "admin"
///     token_id: "1f2e3d4c5b6a7980"
///     token_hash: "sha256:SALT:HASH"
/// ```
///
/// Read once at start-up; a problem is an error with the file's line and column.
package struct People: Sendable {
    /// Everyone, in file order.
    package private(set) var all: [Person]
    private var byTokenID: [String: Int]

    package init(_ people: [Person]) {
        all = people
        byTokenID = Dictionary(people.enumerated().map { ($0.element.tokenID, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The person whose token `text` is, or `nil` (not a personal token, unknown id, wrong secret).
    package func person(token text: some StringProtocol) -> Person? {
        guard let token = PersonalToken(parsing: text), let index = byTokenID[token.id] else { return nil }
        let person = all[index]
        return token.matches(person.tokenHash) ? person : nil
    }

    /// The person an `Authorization: Bearer TOKEN` header names, or `nil`.
    package func person(authorization header: String?) -> Person? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        return person(token: header.dropFirst(7))
    }

    /// The person named `name`.
    package func person(named name: String) -> Person? {
        all.first { $0.name == name }
    }

    /// Reads a users file; every problem is a diagnostic with a position.
    package static func read(contentsOf path: String) -> Result<People, UsersFileError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(UsersFileError([.error("unreadable-file", "cannot read the users file `\(path)`", at: nil)]))
        }
        return read(bytes: [UInt8](data), file: path)
    }

    /// Reads the bytes of a users file named `file`.
    package static func read(bytes: [UInt8], file: String) -> Result<People, UsersFileError> {
        let read = YAMLReader.read(bytes: bytes, file: file, limits: YAMLLimits(maxFileBytes: 4 << 20, maxDepth: 8, maxNodes: 10_000))
        guard let root = read.root, !read.diagnostics.contains(where: \.isError) else {
            return .failure(UsersFileError(read.diagnostics.filter(\.isError)))
        }
        if root.isNull { return .success(People([])) }
        var problems: [Diagnostic] = []
        guard root.isMapping, let list = root["users"] else {
            return .failure(UsersFileError([.error("wrong-type", "a users file is a mapping with one key, `users`: a list of people",
                                                   at: root.span, help: "`statute users add NAME --role ROLE --file \(file)` writes one")]))
        }
        if list.isNull { return .success(People([])) }
        guard let items = list.sequence else {
            return .failure(UsersFileError([.error("wrong-type", "`users` must be a list of people", at: list.span)]))
        }
        var people: [Person] = []
        var names: Set<String> = []
        var ids: Set<String> = []
        for item in items {
            guard item.isMapping else {
                problems.append(.error("wrong-type", "each person is a mapping of name, role, token_id and token_hash", at: item.span))
                continue
            }
            for entry in item.mapping ?? [] where !["name", "role", "token_id", "token_hash"].contains(entry.key.scalarValue ?? "") {
                problems.append(.error("unknown-key", "unknown key `\(Escaping.shortened(entry.key.scalarValue ?? "?"))` (a person has name, role, token_id, token_hash)",
                                       at: entry.key.span))
            }
            func text(_ key: String) -> String? {
                guard let node = item[key] else {
                    problems.append(.error("missing-key", "this person has no `\(key)`", at: item.span))
                    return nil
                }
                guard let value = node.nonNullScalarValue else {
                    problems.append(.error("wrong-type", "`\(key)` must be a string", at: node.span))
                    return nil
                }
                return value
            }
            guard let name = text("name"), let role = text("role"), let tokenID = text("token_id"),
                  let hash = text("token_hash") else { continue }
            let span = item.span
            if let problem = Person.problem(name: name) { problems.append(.error("invalid-value", problem, at: item["name"]?.span ?? span)) }
            if let problem = Person.problem(role: role) { problems.append(.error("invalid-value", problem, at: item["role"]?.span ?? span)) }
            if tokenID.count != 16 || !tokenID.allSatisfy(\.isHexDigit) {
                problems.append(.error("invalid-value", "`token_id` must be 16 hex digits", at: item["token_id"]?.span ?? span))
            }
            if !PersonalToken.isHashForm(hash) {
                problems.append(.error("invalid-value", "`token_hash` must be `sha256:SALT:HASH` as `statute users add` writes it",
                                       at: item["token_hash"]?.span ?? span))
            }
            if !names.insert(name).inserted {
                problems.append(.error("duplicate-name", "`\(Escaping.shortened(name))` is listed twice; a name is one person", at: item["name"]?.span ?? span))
            }
            if !ids.insert(tokenID.lowercased()).inserted {
                problems.append(.error("duplicate-name", "two people have the token id `\(tokenID)`", at: item["token_id"]?.span ?? span))
            }
            people.append(Person(name: name, role: role, tokenID: tokenID.lowercased(), tokenHash: hash.lowercased()))
        }
        return problems.isEmpty ? .success(People(people)) : .failure(UsersFileError(problems))
    }

    /// The file's text for these people (what `statute users add` writes): every value a
    /// JSON string, which YAML reads as a double-quoted scalar, so no name can break the file.
    package var fileText: String {
        var lines = ["# People who may sign in to `statute serve --users FILE`, each with their own token.",
                     "# Written by `statute users add NAME --role ROLE`; the tokens themselves are not kept here.",
                     "users:"]
        if all.isEmpty { lines[lines.count - 1] = "users: []" }
        for person in all {
            lines.append("  - name: \(JSONValue.string(person.name).rendered())")
            lines.append("    role: \(JSONValue.string(person.role).rendered())")
            lines.append("    token_id: \(JSONValue.string(person.tokenID).rendered())")
            lines.append("    token_hash: \(JSONValue.string(person.tokenHash).rendered())")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// These people and `person` (whose name and token id must be new).
    package func adding(_ person: Person) -> People {
        People(all + [person])
    }
}

/// What is wrong with a users file: every problem, each with its position.
package struct UsersFileError: Error, Sendable {
    package var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
