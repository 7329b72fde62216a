import Foundation
import Statute

/// Writing users files: `statute users add`.
package enum UsersFile {
    /// Adds a person with a new token to `file` (created when missing) and returns the token's
    /// text, which is kept nowhere else. The file is replaced whole (a new file renamed over it),
    /// readable and writable by its owner only.
    package static func add(name: String, role: String, file: String) -> Result<String, ServerSetupError> {
        if let problem = Person.problem(name: name) { return .failure(ServerSetupError(problem)) }
        if let problem = Person.problem(role: role) { return .failure(ServerSetupError(problem)) }
        var people = People([])
        if FileManager.default.fileExists(atPath: file) {
            switch People.read(contentsOf: file) {
            case .success(let read): people = read
            case .failure(let problems):
                return .failure(ServerSetupError("the users file cannot be read: " + (problems.diagnostics.first?.description ?? "`\(file)`")))
            }
        }
        if people.person(named: name) != nil {
            return .failure(ServerSetupError("`\(Escaping.controlCharacters(name))` is in `\(file)` already; a name is one person"))
        }
        var token = PersonalToken.generate()
        while people.all.contains(where: { $0.tokenID == token.id }) { token = PersonalToken.generate() }
        let updated = people.adding(Person(name: name, role: role, tokenID: token.id, tokenHash: token.saltedHash()))
        let temporary = file + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(updated.fileText.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            return .failure(ServerSetupError("cannot write `\(temporary)`"))
        }
        guard rename(temporary, file) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            return .failure(ServerSetupError("cannot replace `\(file)`"))
        }
        return .success(token.text)
    }
}
