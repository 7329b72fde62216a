import Foundation
import StatuteCore
import StatuteYAML

/// Loads, checks and runs policy test files (docs/test-files.md). Returns results as data;
/// reporters turn them into text, JSON or JUnit XML.
public enum PolicyTestRunner {
    /// A test file read and bound to its policy.
    struct Loaded {
        var policyFile: String?
        var policy: CompiledPolicy?
        var tests: [PreparedTest]
        var diagnostics: [Diagnostic]
        /// Tests left out because of their own errors.
        var notRun: [String] = []
    }

    /// Reads a test file, loads its policy, and resolves every test against it.
    static func load(path: String, defaultToday: CalendarDate, options: LoadOptions) -> Loaded {
        switch SourceReading.read(path, limit: options.yaml.maxFileBytes, access: options.fileAccess) {
        case .failure(let diagnostic):
            return Loaded(policyFile: nil, policy: nil, tests: [], diagnostics: [diagnostic])
        case .success(let bytes):
            let read = YAMLReader.read(bytes: bytes, file: path, limits: options.yaml)
            guard let root = read.root, !read.diagnostics.hasErrors else {
                return Loaded(policyFile: nil, policy: nil, tests: [], diagnostics: read.diagnostics)
            }
            return load(root: root, path: path, defaultToday: defaultToday, options: options)
        }
    }

    static func load(root: YAMLNode, path: String, defaultToday: CalendarDate, options: LoadOptions) -> Loaded {
        var lowering = TestFileLowering(file: path)
        let file = lowering.lower(root)
        var diagnostics = lowering.diagnostics
        guard let policyPath = file.policy else {
            return Loaded(policyFile: nil, policy: nil, tests: [], diagnostics: diagnostics)
        }
        let resolved: String
        switch PolicyReference.resolve(policyPath.value, span: policyPath.span, testFile: path,
                                       allowed: PolicyReference.canonicalSet(options.policiesAllowedAnywhere)) {
        case .success(let file): resolved = file
        case .failure(let diagnostic):
            return Loaded(policyFile: nil, policy: nil, tests: [], diagnostics: diagnostics + [diagnostic])
        }
        let loaded = PolicyLoader.load(contentsOf: resolved, options: options)
        guard let policy = loaded.policy else {
            diagnostics.append(policyProblem(loaded, written: policyPath, resolved: resolved))
            return Loaded(policyFile: resolved, policy: nil, tests: [], diagnostics: diagnostics)
        }
        var binding = TestBinding(policy: policy, file: file, defaultToday: defaultToday)
        let tests = binding.bind()
        diagnostics += binding.diagnostics
        return Loaded(policyFile: resolved, policy: policy, tests: tests, diagnostics: diagnostics.capped(at: options.maxDiagnostics),
                      notRun: binding.notRun)
    }

    /// Why the policy named by a test file cannot be used. The policy's own first error is
    /// quoted only when the file is a policy (a mapping with `statute`): nothing of any
    /// other file is ever shown (docs/reliability.md).
    static func policyProblem(_ loaded: LoadedPolicy, written: Located<String>, resolved: String) -> Diagnostic {
        let errors = loaded.diagnostics.filter(\.isError)
        if errors.contains(where: { $0.code == .notAPolicy }) {
            return .error(.invalidPolicy, "`\(written.value)` is not a policy (it has no top-level `statute` key)",
                          at: written.span, help: "`policy` names the policy file the tests run against")
        }
        let count = "\(errors.count) error\(errors.count == 1 ? "" : "s")"
        let isPolicy = loaded.document != nil || errors.allSatisfy { $0.code == .unreadableFile || $0.code == "file-too-large" }
        let first = isPolicy ? errors.first.map { ": \($0)" } ?? "" : ""
        return .error(.invalidPolicy, "the policy `\(written.value)` cannot be loaded (\(count))\(first)",
                      at: written.span, help: "run `statute check \(resolved)` to see every problem")
    }

    /// A path written in a test file, resolved against the test file's folder.
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// Checks a test file without running it: its shape, its policy, and every name and
    /// value in it against the policy. Used by `statute check`.
    public static func check(path: String, options: LoadOptions = LoadOptions()) -> [Diagnostic] {
        let today = CalendarDate(year: 2000, month: 1, day: 1)!
        return load(path: path, defaultToday: today, options: options).diagnostics
    }

    /// Checks an already-read test file (see ``check(path:options:)``).
    static func check(root: YAMLNode, path: String, options: LoadOptions) -> [Diagnostic] {
        let today = CalendarDate(year: 2000, month: 1, day: 1)!
        return load(root: root, path: path, defaultToday: today, options: options).diagnostics
    }

    /// Runs every test of a test file.
    ///
    /// - Parameters:
    ///   - path: the test file; its `policy` path is resolved relative to it.
    ///   - defaultToday: the date for tests that give no `today` (neither the
    ///     test nor the file).
    ///   - options: limits for reading the test file and its policy.
    ///   - progress: called before each test runs with how many ran so far and how many
    ///     will run (for a progress line; the runner itself never prints).
    public static func run(path: String, defaultToday: CalendarDate, options: LoadOptions = LoadOptions(),
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) -> TestFileResult {
        let loaded = load(path: path, defaultToday: defaultToday, options: options)
        // Tests with errors of their own were left out by the binding; the rest still run.
        guard let policy = loaded.policy else {
            return TestFileResult(file: path, policyFile: loaded.policyFile, policy: loaded.policy,
                                  diagnostics: loaded.diagnostics, cases: [])
        }
        let cases = loaded.tests.enumerated().map { index, test in
            progress(index, loaded.tests.count)
            return run(test, policy: policy)
        }
        return TestFileResult(file: path, policyFile: loaded.policyFile, policy: policy,
                              diagnostics: loaded.diagnostics, cases: cases, notRun: loaded.notRun)
    }

    /// Runs one prepared test.
    static func run(_ test: PreparedTest, policy: CompiledPolicy) -> TestCaseResult {
        do {
            let engine = try Engine(policy: policy, settings: test.settings)
            let result = try engine.evaluate(test.record, request: test.request, today: test.today, explain: true)
            return TestCaseResult(name: test.name, span: test.span,
                                  failures: TestComparison.failures(expected: test.expect, actual: result),
                                  result: result, error: nil)
        } catch {
            return TestCaseResult(name: test.name, span: test.span,
                                  failures: [TestFailure(field: "error", expected: "a result", actual: error.message)],
                                  result: nil, error: error)
        }
    }
}

extension DiagnosticCode {
    /// A test file names a policy that has errors.
    public static let invalidPolicy: DiagnosticCode = "invalid-policy"
}

extension PolicyTestRunner {
    /// Whether the file at `path` is a policy test file: a YAML mapping with a top-level
    /// `tests` key and no `statute` key. A file that cannot be read or parsed is judged by
    /// its name (`*.test.yaml`, `*.test.yml`).
    public static func isTestFile(path: String, options: LoadOptions = LoadOptions()) -> Bool {
        guard case .success(let bytes) = SourceReading.read(path, limit: options.yaml.maxFileBytes, access: options.fileAccess),
              let root = YAMLReader.read(bytes: bytes, file: path, limits: options.yaml).root else {
            return path.hasSuffix(".test.yaml") || path.hasSuffix(".test.yml")
        }
        return root["tests"] != nil && root["statute"] == nil
    }
}
