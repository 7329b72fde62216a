import Statute

/// `textDocument/definition` and `textDocument/references`: from any use of a name to its
/// declaration in the policy, and from any place to every use — in the policy and in the
/// test files that name it.
package enum NavigationFeature {
    package static func definition(in file: ReadFile, at position: Position, workspace: Workspace) -> JSON {
        guard let occurrence = file.index.occurrence(at: file.lines.location(of: position)), occurrence.kind != .function,
              let policy = workspace.policy(for: file),
              let declaration = policy.index.declaration(of: occurrence.kind, named: occurrence.name) else { return .null }
        return [location(declaration, in: policy)]
    }

    package static func references(in file: ReadFile, at position: Position, includeDeclaration: Bool,
                                   workspace: Workspace) -> JSON {
        guard let occurrence = file.index.occurrence(at: file.lines.location(of: position)) else { return .null }
        let places = everyOccurrence(of: occurrence, from: file, workspace: workspace)
            .filter { includeDeclaration || !$0.occurrence.isDeclaration }
        return .array(places.map { location($0.occurrence, in: $0.file) })
    }

    /// Every place the name of `occurrence` is written: its policy, then the policy's test
    /// files (a function: only the file itself).
    static func everyOccurrence(of occurrence: Occurrence, from file: ReadFile,
                                workspace: Workspace) -> [(file: ReadFile, occurrence: Occurrence)] {
        guard occurrence.kind != .function, let policy = workspace.policy(for: file) else {
            return file.index.occurrences(of: occurrence.kind, named: occurrence.name).map { (file: file, occurrence: $0) }
        }
        var files = [policy]
        if let path = EditorAnalysis.canonicalPath(policy.file) {
            files += workspace.testFiles(of: path)
        } else if file.uri != policy.uri {
            files.append(file)
        }
        return files.flatMap { each in each.index.occurrences(of: occurrence.kind, named: occurrence.name).map { (file: each, occurrence: $0) } }
    }

    static func location(_ occurrence: Occurrence, in file: ReadFile) -> JSON {
        ["uri": .string(file.uri), "range": file.lines.nameRange(of: occurrence.span).json]
    }
}
