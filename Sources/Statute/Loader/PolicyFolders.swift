import Foundation

/// The one rule `check`, `test` and `serve` follow when they expand a folder
/// (docs/reliability.md): every `*.yaml`/`*.yml` file below it, except inside folders whose
/// name starts with a dot (`.git/`, a `.scratch/` copy) and files whose name does.
package enum PolicyFolders {
    /// The YAML files below `folder`, as paths relative to it, sorted; hidden entries skipped.
    /// Kinds are not checked here: callers keep only regular files.
    package static func yamlFiles(below folder: String) -> [String]? {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return nil }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { found.append(relative) }
        }
        return found.sorted()
    }

    /// Whether a relative path lies in a hidden folder or names a hidden file.
    package static func isHidden(_ relative: String) -> Bool {
        relative.split(separator: "/").contains { $0.hasPrefix(".") }
    }
}
