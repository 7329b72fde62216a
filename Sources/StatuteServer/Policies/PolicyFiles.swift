import Foundation
import Statute

/// Finds the policy files named by `--policy` paths: a file is served as given; a folder
/// serves every regular `*.yaml`/`*.yml` file below it, outside hidden folders, that is not a test file (`*.test.yaml`, or a
/// top-level `tests` key). Each policy is named by its file name without the extension.
enum PolicyFiles {
    /// One policy file and the name it is served under.
    struct Found: Hashable, Sendable {
        var name: String
        var file: String
    }

    /// The policy files below `paths`, sorted by name; two files with one name are an error.
    static func find(_ paths: [String], isTestFile: (String) -> Bool = PolicyFiles.isTestFile) -> Result<[Found], ServerSetupError> {
        var found: [Found] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                return .failure(ServerSetupError("no such policy file or folder `\(path)`"))
            }
            if !isFolder.boolValue {
                found.append(Found(name: name(of: path), file: path))
                continue
            }
            // The folder rule `check` and `test` follow too: hidden folders and files are skipped.
            guard let below = PolicyFolders.yamlFiles(below: path) else {
                return .failure(ServerSetupError("cannot read the folder `\(path)`"))
            }
            var inFolder: [String] = []
            for relative in below {
                if relative.hasSuffix(".test.yaml") || relative.hasSuffix(".test.yml") { continue }
                let file = (path as NSString).appendingPathComponent(relative)
                guard isRegularFile(file), !isTestFile(file) else { continue }
                inFolder.append(file)
            }
            found += inFolder.sorted().map { Found(name: name(of: $0), file: $0) }
        }
        var seen: [String: String] = [:]
        for policy in found {
            if let other = seen[policy.name], other != policy.file {
                return .failure(ServerSetupError("two policies would be served as `\(policy.name)`: `\(other)` and `\(policy.file)`"))
            }
            seen[policy.name] = policy.file
        }
        var unique = Set<String>()
        return .success(found.filter { unique.insert($0.name).inserted }.sorted { $0.name < $1.name })
    }

    /// `folder/certification.yaml` → `certification`.
    static func name(of file: String) -> String {
        let base = (file as NSString).lastPathComponent
        for suffix in [".yaml", ".yml"] where base.hasSuffix(suffix) {
            return String(base.dropLast(suffix.count))
        }
        return base
    }

    static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
    }

    /// Whether a file in a folder is a test file rather than a policy.
    @Sendable static func isTestFile(_ path: String) -> Bool {
        SourceFileCheck.check(contentsOf: path).kind == .testFile
    }
}
