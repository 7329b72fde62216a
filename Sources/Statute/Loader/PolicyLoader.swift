import Foundation
import StatuteCore
package import StatuteYAML

/// A policy read from a file: the compiled policy when it has no errors, and every
/// diagnostic found (errors and warnings) either way.
public struct LoadedPolicy: Sendable {
    /// The file as the caller named it.
    public let file: String
    /// The compiled policy, or `nil` when there were errors.
    public let policy: CompiledPolicy?
    /// The declarations as read, even when they have errors (`nil` when the YAML itself could not be read).
    package let document: PolicyDocument?
    /// Every problem, sorted by position.
    public let diagnostics: [Diagnostic]
}

/// Options for loading policies.
public struct LoadOptions: Hashable, Sendable {
    /// Limits for reading the YAML file: size, nesting and node count.
    package var yaml: YAMLLimits
    /// Limits for each expression in the policy: length and nesting.
    package var expressions: ExpressionLimits
    /// At most this many diagnostics are reported per file; the rest are summarised in one.
    public var maxDiagnostics: Int
    /// Whether the static analysis runs (its warnings, and errors in `acknowledge:`).
    /// On by default; off gives the compiled policy alone, a little sooner.
    public var analyze: Bool
    /// Files a test file's `policy:` may name although they lie outside the test file's
    /// folder tree (docs/test-files.md): those given on the command line. Empty by default.
    package var policiesAllowedAnywhere: [String] = []
    /// Policy texts that stand in for files on disk, by canonical path: a test file whose
    /// `policy:` resolves to one of them is checked against this text (an editor's unsaved
    /// buffer) rather than the file. Empty by default.
    package var policyTexts: [String: [UInt8]] = [:]
    /// Which kinds of file a path may name: regular files only unless a person named the
    /// path on the command line (docs/reliability.md).
    package var fileAccess: FileAccess = .regularFile

    /// Creates options with docs/reliability.md's limits: `maxDiagnostics` per file, and the
    /// static analysis on or off.
    public init(maxDiagnostics: Int = 100, analyze: Bool = true) {
        self.init(yaml: YAMLLimits(), expressions: ExpressionLimits(), maxDiagnostics: maxDiagnostics, analyze: analyze)
    }

    /// Creates options; the defaults are docs/reliability.md's limits, 100 diagnostics per file and
    /// the static analysis on.
    package init(yaml: YAMLLimits, expressions: ExpressionLimits = ExpressionLimits(),
                maxDiagnostics: Int = 100, analyze: Bool = true) {
        self.yaml = yaml
        self.expressions = expressions
        self.maxDiagnostics = maxDiagnostics
        self.analyze = analyze
    }
}

/// Loads policies: bytes → libyaml → nodes → ``PolicyDocument`` → checked ``CompiledPolicy``.
public enum PolicyLoader {
    /// Loads and compiles the policy file at `path`.
    public static func load(contentsOf path: String, options: LoadOptions = LoadOptions()) -> LoadedPolicy {
        switch SourceReading.read(path, limit: options.yaml.maxFileBytes, access: options.fileAccess) {
        case .success(var bytes):
            let read = ExpressionQuoteHints.adjusting(YAMLReader.read(bytes: bytes, file: path, limits: options.yaml), source: bytes)
            bytes = []  // the file's bytes are let go before checking and compiling
            return load(read: read, file: path, options: options)
        case .failure(let diagnostic):
            return LoadedPolicy(file: path, policy: nil, document: nil, diagnostics: [diagnostic])
        }
    }

    /// Loads and compiles a policy from text (e.g. an embedded policy or a test).
    public static func load(text: String, file: String = "<policy>", options: LoadOptions = LoadOptions()) -> LoadedPolicy {
        load(bytes: Array(text.utf8), file: file, options: options)
    }

    /// Loads and compiles a policy from the bytes of a file.
    public static func load(bytes: [UInt8], file: String, options: LoadOptions = LoadOptions()) -> LoadedPolicy {
        load(read: ExpressionQuoteHints.adjusting(YAMLReader.read(bytes: bytes, file: file, limits: options.yaml), source: bytes),
             file: file, options: options)
    }

    /// Lowers and compiles a read YAML document. The node tree is let go once lowered,
    /// before checking and compiling, so a large policy does not hold both at once.
    static func load(read: consuming YAMLReadResult, file: String, options: LoadOptions) -> LoadedPolicy {
        let earlier = read.diagnostics
        guard let root = read.root, !earlier.hasErrors else {
            return LoadedPolicy(file: file, policy: nil, document: nil, diagnostics: earlier.capped(at: options.maxDiagnostics))
        }
        _ = consume read
        // Not a mapping with a top-level `statute` key: not a policy, and nothing of its
        // content is quoted (the file may be anything, `/etc/passwd` included).
        guard root.isMapping, root["statute"] != nil else {
            return LoadedPolicy(file: file, policy: nil, document: nil, diagnostics: [notAPolicy(file)])
        }
        var lowering = PolicyLowering(file: file)
        let document = lowering.lower(root)
        _ = consume root
        return compile(document, file: file, options: options, earlier: earlier + lowering.diagnostics)
    }

    /// Lowers and compiles an already-read YAML tree.
    ///
    /// A tree that is not a mapping with a top-level `statute` key is not a policy: it gets
    /// one `not-a-policy` diagnostic and nothing of its content is quoted (docs/reliability.md) — the
    /// file may be anything, `/etc/passwd` included.
    static func load(root: YAMLNode, file: String, options: LoadOptions, earlier: [Diagnostic] = []) -> LoadedPolicy {
        guard root.isMapping, root["statute"] != nil else {
            return LoadedPolicy(file: file, policy: nil, document: nil, diagnostics: [notAPolicy(file)])
        }
        var lowering = PolicyLowering(file: file)
        let document = lowering.lower(root)
        return compile(document, file: file, options: options, earlier: earlier + lowering.diagnostics)
    }

    /// Checks and compiles a lowered document, then analyses it.
    private static func compile(_ document: PolicyDocument, file: String, options: LoadOptions,
                                earlier: [Diagnostic]) -> LoadedPolicy {
        let compilation = PolicyCompiler(limits: options.expressions).compile(document)
        var found = earlier + compilation.diagnostics
        // Static analysis (warnings, and errors in `acknowledge:`) once the policy compiled.
        if options.analyze, let policy = compilation.policy, !found.hasErrors {
            found += PolicyAnalyzer.analyze(policy).diagnostics
        }
        let diagnostics = found.capped(at: options.maxDiagnostics)
        return LoadedPolicy(file: file, policy: diagnostics.hasErrors ? nil : compilation.policy,
                            document: document, diagnostics: diagnostics)
    }
}

extension PolicyLoader {
    /// The one diagnostic of a file that is not a policy; it quotes nothing from the file.
    static func notAPolicy(_ file: String) -> Diagnostic {
        .error(.notAPolicy, "not a policy: the file has no top-level `statute` key",
               at: SourceSpan(file: file, at: SourceLocation(line: 1, column: 1)),
               help: "a policy is a YAML mapping that starts with `statute: 1`; the file's content is not shown")
    }
}
