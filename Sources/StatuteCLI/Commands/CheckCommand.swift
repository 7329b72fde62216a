import ArgumentParser
import Foundation
import Statute

/// `statute check [PATH…] [--format text|json|github|sarif] [--strict]` (docs/cli.md).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check policies and test files, reporting every problem.",
        discussion: """
            PATHs are files or folders; a folder is searched for *.yaml and *.yml files \
            below it (hidden folders are skipped), in sorted order. Without PATH, \
            `policies/` is checked. Exit status 1 when any error is found, or any warning \
            with --strict; 2 when a PATH does not exist. --format sarif writes a SARIF 2.1.0 \
            log for code scanning (docs/ci.md), still written when a PATH does not exist.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github, sarif
    }

    @Argument(help: "Policy or test files, or folders to search.")
    var paths: [String] = []

    @Option(help: "Output format: text, json, github or sarif.")
    var format: Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @OptionGroup var color: ColorOptions

    func run() throws {
        if paths.isEmpty { try PathExpansion.requireDefaultFolder(command: "check") }
        let given = paths.isEmpty ? ["policies"] : paths
        // SARIF reports a missing PATH inside the log, so that CI still has a log to upload.
        let missing = format == .sarif ? SARIFOutput.missing(given) : []
        let files = try PathExpansion.yamlFiles(in: given.filter { !missing.contains($0) })
        var options = LoadOptions()
        options.policiesAllowedAnywhere = PathExpansion.filesGiven(in: given)
        var diagnostics: [Diagnostic] = []
        var checked: [SARIFFile] = []
        for file in files {
            // A file named on the command line may be any kind (`<(cat p.yaml)`); one found in a folder only a regular file.
            options.fileAccess = given.contains(file) ? .namedByUser : .regularFile
            let found = SourceFileCheck.check(contentsOf: file, options: options).diagnostics
            diagnostics += found
            if format == .sarif { checked.append(SARIFFile(path: file, diagnostics: found)) }
        }
        if format == .sarif {
            Terminal.out(SARIFOutput.render(SARIFOutput.missingFiles(missing) + checked))
            if !missing.isEmpty { throw CLIError.couldNotWork("no such file or folder `\(missing[0])`") }
            if diagnostics.hasErrors || (strict && !diagnostics.isEmpty) { throw ExitCode.answerIsNo }
            return
        }
        var renderer = DiagnosticRenderer(sources: SourceFiles.text(of:))
        renderer.style = color.style(for: STDOUT_FILENO)
        let outputFormat: DiagnosticFormat = switch format {
        case .text: .text
        case .json: .json
        case .github, .sarif: .github
        }
        Terminal.out(renderer.render(diagnostics, format: outputFormat, files: files.count))
        let failed = diagnostics.hasErrors || (strict && !diagnostics.isEmpty)
        if failed { throw ExitCode.answerIsNo }
    }
}

/// Expands command-line paths into the files to read.
enum PathExpansion {
    /// Files as given (any kind: `<(cat p.yaml)` works); folders as every regular
    /// `*.yaml`/`*.yml` file below them, sorted, hidden entries skipped — a FIFO or a
    /// device in a folder is never opened (docs/reliability.md). Duplicates are read once. A path
    /// that does not exist is a usage error.
    static func yamlFiles(in paths: [String]) throws(CLIError) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .couldNotWork("no such file or folder `\(path)`")
            }
            let found: [String]
            if isDirectory.boolValue {
                let base = path.hasSuffix("/") ? path : path + "/"
                found = (PolicyFolders.yamlFiles(below: path) ?? []).map { base + $0 }.filter(isRegularFile)
            } else {
                found = [path]
            }
            for file in found where seen.insert(file).inserted { files.append(file) }
        }
        return files
    }

    /// With no PATH, `check` and `test` read `policies/`: when there is none here, say so
    /// and how to name files, rather than "no such file or folder `policies`".
    static func requireDefaultFolder(command: String) throws(CLIError) {
        var isDirectory: ObjCBool = false
        guard !FileManager.default.fileExists(atPath: "policies", isDirectory: &isDirectory) else { return }
        throw CLIError(exitCode: 2, message: """
            error: no `policies/` folder here: with no PATH, `statute \(command)` reads `policies/` in the current folder
            help: name the files or folders to \(command), e.g. `statute \(command) loans.yaml` or `statute \(command) rules/` \
            (policies and test files are `*.yaml`/`*.yml` files; a folder is searched below it, hidden folders skipped)
            """)

    }

    /// The paths given that are not folders: a test file may name them as its policy
    /// wherever they are (docs/reliability.md).
    static func filesGiven(in paths: [String]) -> [String] {
        paths.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// Whether `path` is a regular file (symbolic links followed).
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
