import Foundation
import Statute
import Synchronization

/// The policies being served, behind one lock: readers take a snapshot of an entry (a
/// value) and answer from it, so a request is answered wholly by one version; a reload
/// builds the new version outside the lock and swaps it in.
final class PolicyStore: Sendable {
    private let entries: Mutex<[String: PolicyEntry]>
    private let paths: [String]
    private let settingsFile: String?
    private let metrics: ServiceMetrics
    private let options = LoadOptions()
    /// Serialises reloads (the watcher and SIGHUP may both ask at once).
    private let reloading = Mutex(())
    /// Whether each file found in a folder is a test file, by path and stamp: a file is
    /// read for this only when it is new or changed, not on every check.
    private let testFiles = Mutex<[String: (FileSnapshot.Stamp?, Bool)]>([:])

    init(paths: [String], settingsFile: String?, metrics: ServiceMetrics) {
        self.paths = paths
        self.settingsFile = settingsFile
        self.metrics = metrics
        self.entries = Mutex([:])
    }

    /// The entry named `name`, as it is now.
    func entry(_ name: String) -> PolicyEntry? {
        entries.withLock { $0[name] }
    }

    /// Every entry, sorted by name.
    func all() -> [PolicyEntry] {
        entries.withLock { Array($0.values) }.sorted { $0.name < $1.name }
    }

    /// Whether every policy has loaded at least once (`/readyz`).
    var isReady: Bool {
        entries.withLock { entries in !entries.isEmpty && entries.values.allSatisfy { $0.serving != nil } }
    }

    /// Finds the policy files again and reloads each whose file changed (or every one
    /// when `force`, as SIGHUP asks). A file with errors leaves the serving version in place.
    func refresh(force: Bool) {
        reloading.withLock { _ in
            let found: [PolicyFiles.Found]
            switch PolicyFiles.find(paths, isTestFile: isTestFile) {
            case .success(let files): found = files
            case .failure: found = entries.withLock { $0.values.map { PolicyFiles.Found(name: $0.name, file: $0.file) } }
            }
            var known = Set<String>()
            for file in found {
                known.insert(file.name)
                refresh(file, force: force)
            }
            // A file that disappeared keeps its last good version serving, marked stale.
            for entry in all() where !known.contains(entry.name) {
                refresh(PolicyFiles.Found(name: entry.name, file: entry.file), force: force)
            }
        }
    }

    private func isTestFile(_ path: String) -> Bool {
        let stamp = FileSnapshot.stamp(of: path)
        if let known = testFiles.withLock({ $0[path] }), known.0 == stamp, stamp != nil { return known.1 }
        let answer = PolicyFiles.isTestFile(path)
        testFiles.withLock { $0[path] = (stamp, answer) }
        return answer
    }

    private func refresh(_ file: PolicyFiles.Found, force: Bool) {
        let current = entry(file.name)
        let stamp = FileSnapshot.stamp(of: file.file)
        if !force, let current, stamp != nil, current.seen == stamp { return }
        // A file named by `--policy` may be a link (a mounted configuration, say); one found in a folder may not.
        let snapshot = FileSnapshot.read(file.file, limit: options.yaml.maxFileBytes, followsLinks: paths.contains(file.file))
        if !force, let current, snapshot.digest != nil, current.seenDigest == snapshot.digest {
            entries.withLock { $0[file.name]?.seen = snapshot.stamp }
            return
        }
        let (version, diagnostics) = load(file.file, name: file.name, snapshot: snapshot)
        var next = current ?? PolicyEntry(name: file.name, file: file.file, serving: nil, state: .failed, diagnostics: [])
        next.seen = snapshot.stamp
        next.seenDigest = snapshot.digest
        next.diagnostics = diagnostics
        next.source = snapshot.bytes.flatMap { $0.count <= options.yaml.maxFileBytes ? $0 : nil }
        if let version {
            next.serving = version
            next.state = .ok
        } else {
            next.state = next.serving == nil ? .failed : .stale
        }
        metrics.reload(policy: file.name, result: version == nil ? "rejected" : "loaded")
        entries.withLock { $0[file.name] = next }
    }

    /// Loads and checks a file's bytes with the server's settings; a version only when there are no errors.
    private func load(_ file: String, name: String, snapshot: FileSnapshot) -> (PolicyVersion?, [Diagnostic]) {
        guard let bytes = snapshot.bytes, let digest = snapshot.digest else {
            // Unreadable, gone, too large or not a regular file: never opened again by path here.
            return (nil, [snapshot.problem ?? .error(.unreadableFile, "cannot read `\(file)`", at: nil)])
        }
        let loaded = PolicyLoader.load(bytes: bytes, file: file, options: options)
        guard let policy = loaded.policy else { return (nil, loaded.diagnostics) }
        var diagnostics = loaded.diagnostics
        var settings: [String: Value] = [:]
        if let settingsFile {
            // One settings file serves every policy: names a policy does not declare are left to the others.
            let reading = InputValues.read(contentsOf: settingsFile, declarations: policy.settings, kind: .setting,
                                           access: .regularFile)
            diagnostics += reading.diagnostics.filter { $0.code != .unknownSetting }
            settings = reading.values
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        do {
            let engine = try Engine(policy: policy, settings: settings)
            return (PolicyVersion(name: name, policy: policy, engine: engine, settings: settings, digest: digest, loadedAt: Date(), bytes: bytes), diagnostics)
        } catch {
            return (nil, diagnostics + [error])
        }
    }
}
