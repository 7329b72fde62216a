import Foundation
import StatuteCore

/// Where a test file's `policy:` may reach (SPEC §6): a regular file inside the folder
/// tree of the test file — its own folder or below, symbolic links resolved — or a file
/// the caller allows explicitly (one given on the command line).
///
/// A test file from an untrusted change must not be able to make `statute test` read
/// `../../../etc/passwd` and quote it in a CI log.
enum PolicyReference {
    /// The file to load for `written`, the test file's `policy:`, or the diagnostic (at
    /// `span`, the `policy:` value) saying why it may not or cannot be read.
    static func resolve(_ written: String, span: SourceSpan, testFile: String,
                        allowed: Set<String>) -> Result<String, Diagnostic> {
        let resolved = PolicyTestRunner.resolve(written, relativeTo: testFile)
        let folder = (testFile as NSString).deletingLastPathComponent
        let root = canonical(folder.isEmpty ? "." : folder) ?? standardized(folder.isEmpty ? "." : folder)
        let target = canonical(resolved)
        let allowedExplicitly = target.map { allowed.contains($0) } ?? false
        let inside = isInside(target ?? standardized(resolved), folder: root)
        guard inside || allowedExplicitly else {
            return .failure(.error(.policyOutsideFolder,
                                   "the policy `\(written)` is outside the test file's folder",
                                   at: span,
                                   help: "a test file may name a policy in its own folder or below; "
                                       + "to test a policy elsewhere, give it on the command line too"))
        }
        guard target != nil else {
            let hint = Suggestions.didYouMean(written, in: nearbyPolicies(written: written, resolved: resolved, testFolder: folder))
            return .failure(.error(.unreadableFile, "cannot read the policy `\(written)`: no such file `\(resolved)`",
                                   at: span, help: hint ?? "`policy` is a path relative to the test file"))
        }
        var info = stat()
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(.error(.unreadableFile, "the policy `\(written)` is not a regular file",
                                   at: span, help: "`policy` names a policy file"))
        }
        return .success(resolved)
    }

    /// The canonical paths of `paths` (those that exist), for ``resolve(_:span:testFile:allowed:)``.
    static func canonicalSet(_ paths: [String]) -> Set<String> {
        Set(paths.compactMap(canonical))
    }

    /// The absolute path with symbolic links, `.` and `..` resolved; `nil` when it does not exist.
    static func canonical(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The absolute path with `.` and `..` resolved by name (for a path that does not exist).
    static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func isInside(_ path: String, folder: String) -> Bool {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(base)
    }

    /// The `*.yaml`/`*.yml` files in the folder the path points into (else in the test
    /// file's folder), written as a test file would name them, for a "did you mean".
    static func nearbyPolicies(written: String, resolved: String, testFolder: String) -> [String] {
        let writtenFolder = (written as NSString).deletingLastPathComponent
        let places = [((resolved as NSString).deletingLastPathComponent, writtenFolder), (testFolder, "")]
        for (folder, prefix) in places {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
            let yaml = names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            if !yaml.isEmpty { return yaml.sorted().map { prefix.isEmpty ? $0 : prefix + "/" + $0 } }
        }
        return []
    }
}

extension DiagnosticCode {
    /// A test file's `policy:` names a file outside the test file's folder tree.
    public static let policyOutsideFolder: DiagnosticCode = "policy-outside-folder"
}
