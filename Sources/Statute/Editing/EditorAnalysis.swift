import StatuteCore
import StatuteYAML

/// What an editor needs of one file's text: `statute check`'s diagnostics for it, and the
/// declarations read from it (for navigation, hover and completion). Works on text in
/// memory; a test file's policy comes from `policyTexts` when it is there, else from disk.
package struct EditorAnalysis: Sendable {
    /// Whether the text is a policy, a test file, or neither.
    package let kind: SourceFileCheck.Kind
    /// Exactly what `statute check` reports for the text, sorted by position.
    package let diagnostics: [Diagnostic]
    /// The policy's declarations as written (policies only; `nil` when its YAML cannot be read).
    package let policyDocument: PolicyDocument?
    /// The compiled policy (policies without errors only).
    package let policy: CompiledPolicy?
    /// The test file as written (test files only).
    package let testFile: PolicyTestFile?

    /// Checks and reads `text`, named `file` (a path: a test file's `policy:` is resolved
    /// against its folder). `policyTexts` holds unsaved policy texts by canonical path.
    package init(text: String, file: String, policyTexts: [String: [UInt8]] = [:]) {
        var options = LoadOptions()
        options.policyTexts = policyTexts
        let bytes = Array(text.utf8)
        let read = ExpressionQuoteHints.adjusting(YAMLReader.read(bytes: bytes, file: file, limits: options.yaml), source: bytes)
        if read.root?["statute"] != nil {
            // A policy is read and compiled once: `statute check`'s own path for a policy
            // (`SourceFileCheck`), keeping the declarations and the compiled policy it makes.
            let loaded = PolicyLoader.load(read: consume read, file: file, options: options)
            kind = .policy
            diagnostics = loaded.diagnostics
            policyDocument = loaded.document
            policy = loaded.policy
            testFile = nil
            return
        }
        let report = SourceFileCheck.check(read: consume read, file: file, options: options)
        kind = report.kind
        diagnostics = report.diagnostics
        policyDocument = nil
        policy = nil
        testFile = report.kind == .testFile ? Self.readTestFile(bytes: bytes, file: file) : nil
    }

    /// The test file's declarations, read leniently (its shape problems are in `diagnostics`).
    static func readTestFile(bytes: [UInt8], file: String) -> PolicyTestFile? {
        guard let root = YAMLReader.read(bytes: bytes, file: file, limits: YAMLLimits()).root, root.isMapping else {
            return nil
        }
        var lowering = TestFileLowering(file: file)
        return lowering.lower(root)
    }

    /// The canonical path of the policy a test file names, when it may be read (inside the
    /// test file's folder tree, and a regular file); `nil` otherwise.
    package static func policyPath(of testFile: PolicyTestFile) -> String? {
        guard let written = testFile.policy else { return nil }
        return policyPath(written: written.value, testFile: testFile.file, span: written.span)
    }

    /// The canonical path of the policy written as `written` in the test file at `testFile`
    /// (a `policy:` line of a test file too half-typed to be read), under the same rules.
    package static func policyPath(written: String, testFile: String) -> String? {
        policyPath(written: written, testFile: testFile, span: SourceSpan(file: testFile, at: SourceLocation(line: 1, column: 1)))
    }

    private static func policyPath(written: String, testFile: String, span: SourceSpan) -> String? {
        guard case .success(let resolved) = PolicyReference.resolve(written, span: span, testFile: testFile, allowed: []) else {
            return nil
        }
        return PolicyReference.canonical(resolved)
    }

    /// The canonical form of `path` (symbolic links, `.` and `..` resolved), or `nil` when
    /// it does not exist.
    package static func canonicalPath(_ path: String) -> String? {
        PolicyReference.canonical(path)
    }
}
