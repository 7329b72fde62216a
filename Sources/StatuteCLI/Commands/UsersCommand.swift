import ArgumentParser
import Foundation
import Statute
import StatuteServer

/// `statute users add NAME --role ROLE [--file FILE]`: the people of `statute serve --users FILE`.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the people who may sign in to `statute serve --users FILE` with their own token.",
        subcommands: [UsersAddCommand.self]
    )
}

/// `statute users add NAME --role ROLE [--file FILE]`.
struct UsersAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person to a users file and print their new personal token, once.",
        discussion: """
            Generates a random personal token, prints it on stdout (it is shown only this once: hand \
            it to the person), and adds NAME, ROLE, the token's id and a salted SHA-256 of its secret \
            to FILE (created when missing, readable by its owner only). The person signs in to the \
            console with the token, or sends it as `Authorization: Bearer TOKEN`: the changes they make \
            are recorded with NAME, in ROLE. A name already in the file is refused. See docs/service.md.
            """
    )

    @Argument(help: "The person's name, recorded with every change they make.")
    var name: String

    @Option(help: ArgumentHelp("The role they act in (a role of the policies served).", valueName: "role"))
    var role: String

    @Option(help: ArgumentHelp("The users file.", valueName: "file"))
    var file = "users.yaml"

    func run() throws {
        switch UsersFile.add(name: name, role: role, file: file) {
        case .success(let token):
            Terminal.out(token + "\n")
            Terminal.error("added \(Escaping.controlCharacters(name)) (role \(role)) to \(file); the token above is not kept anywhere")
        case .failure(let error):
            throw CLIError.couldNotWork(error.message)
        }
    }
}
