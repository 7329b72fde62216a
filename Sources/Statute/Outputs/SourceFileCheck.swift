import StatuteCore
import StatuteYAML

/// `statute check` for one file: decides whether it is a policy (a top-level `statute`
/// key) or a test file (a top-level `tests` key) and returns every problem found.
package enum SourceFileCheck {
    /// What a checked file turned out to be.
    package enum Kind: String, Hashable, Sendable {
        /// `policy` (top-level `statute`), `testFile` (top-level `tests`), or `other` (unreadable or neither).
        case policy, testFile = "test-file", other
    }

    /// The result of checking one file.
    package struct Report: Sendable {
        /// The file as the caller named it.
        package let file: String
        /// Whether the file was read as a policy, a test file, or neither.
        package let kind: Kind
        /// Sorted by position.
        package let diagnostics: [Diagnostic]
    }

    /// Reads and checks the file at `path` (named `path` in diagnostics).
    package static func check(contentsOf path: String, options: LoadOptions = LoadOptions()) -> Report {
        switch SourceReading.read(path, limit: options.yaml.maxFileBytes, access: options.fileAccess) {
        case .success(var bytes):
            let read = ExpressionQuoteHints.adjusting(YAMLReader.read(bytes: bytes, file: path, limits: options.yaml), source: bytes)
            bytes = []  // the file's bytes are let go before checking and compiling
            return check(read: consume read, file: path, options: options)
        case .failure(let diagnostic): return Report(file: path, kind: .other, diagnostics: [diagnostic])
        }
    }

    /// Checks a file's bytes.
    package static func check(bytes: [UInt8], file: String, options: LoadOptions = LoadOptions()) -> Report {
        check(read: ExpressionQuoteHints.adjusting(YAMLReader.read(bytes: bytes, file: file, limits: options.yaml), source: bytes),
              file: file, options: options)
    }

    /// Checks a file read as YAML.
    static func check(read: consuming YAMLReadResult, file: String, options: LoadOptions) -> Report {
        if read.root?["statute"] != nil {
            // Handed over whole (moved, not copied), so that the node tree is freed once lowered.
            let loaded = PolicyLoader.load(read: consume read, file: file, options: options)
            return Report(file: file, kind: .policy, diagnostics: loaded.diagnostics)
        }
        if let root = read.root, root["tests"] != nil {
            let found = checkTestFile(root: root, file: file, options: options)
            return Report(file: file, kind: .testFile, diagnostics: (read.diagnostics + found).capped(at: options.maxDiagnostics))
        }
        if read.diagnostics.hasErrors {
            return Report(file: file, kind: .other, diagnostics: read.diagnostics.capped(at: options.maxDiagnostics))
        }
        let start = SourceSpan(file: file, at: SourceLocation(line: 1, column: 1))
        return Report(file: file, kind: .other, diagnostics: [
            .error(.notAPolicy, "not a policy or a test file", at: start,
                   help: "a policy has a top-level `statute: 1` key; a test file has a top-level `tests` list"),
        ])
    }

    /// The problems of the test file `root` (docs/test-files.md): its shape, its policy, and every
    /// status, transition, effect, event, role, fact and setting it names.
    static func checkTestFile(root: YAMLNode, file: String, options: LoadOptions) -> [Diagnostic] {
        PolicyTestRunner.check(root: root, path: file, options: options)
    }
}
