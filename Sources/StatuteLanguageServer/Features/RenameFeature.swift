import Statute

/// `textDocument/prepareRename` and `textDocument/rename`: a status, fact, setting, event,
/// effect, role, derived value or transition id renamed everywhere it is written — the
/// policy and its test files — provided the new name is well formed and not taken.
package enum RenameFeature {
    package static func prepare(in file: ReadFile, at position: Position, workspace: Workspace) -> JSON {
        guard let occurrence = file.index.occurrence(at: file.lines.location(of: position)),
              occurrence.kind != .function else { return .null }
        return ["range": file.lines.nameRange(of: occurrence.span).json, "placeholder": .string(occurrence.name)]
    }

    package static func rename(in file: ReadFile, at position: Position, to newName: String,
                               workspace: Workspace) throws(ResponseError) -> JSON {
        guard let occurrence = file.index.occurrence(at: file.lines.location(of: position)) else {
            throw ResponseError(ResponseError.requestFailed, "there is no name to rename here")
        }
        guard occurrence.kind != .function else {
            throw ResponseError(ResponseError.requestFailed, "`\(occurrence.name)` is a built-in function")
        }
        guard isWellFormed(newName, for: occurrence.kind) else {
            throw ResponseError(ResponseError.invalidParams, "`\(newName)` is not a valid \(occurrence.kind.noun) name: "
                + (occurrence.kind == .transition ? "[a-z][a-z0-9_-]*" : occurrence.kind == .fact
                    ? "dot-separated parts, each [a-z][a-z0-9_]*" : "[a-z][a-z0-9_]*"))
        }
        if let policy = workspace.policy(for: file), newName != occurrence.name {
            let clashing: [SymbolKind] = occurrence.kind == .fact || occurrence.kind == .derived ? [.fact, .derived] : [occurrence.kind]
            for kind in clashing where policy.index.declaration(of: kind, named: newName) != nil {
                throw ResponseError(ResponseError.requestFailed, "the policy already declares a \(kind.noun) `\(newName)`")
            }
        }
        var changes: [String: [JSON]] = [:]
        var seen = Set<String>()
        for (each, found) in NavigationFeature.everyOccurrence(of: occurrence, from: file, workspace: workspace) {
            let range = each.lines.nameRange(of: found.span)
            guard seen.insert("\(each.uri) \(range.start.line):\(range.start.character)").inserted else { continue }
            changes[each.uri, default: []].append(["range": range.json, "newText": .string(newName)])
        }
        return ["changes": .object(changes.mapValues { .array($0) })]
    }

    /// Whether `name` may name a `kind`: an identifier; a fact a dotted path of them; a
    /// transition id may hold `-` too.
    static func isWellFormed(_ name: String, for kind: SymbolKind) -> Bool {
        func isIdentifier<S: StringProtocol>(_ part: S, dashes: Bool) -> Bool {
            guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
            return part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || (dashes && $0 == "-") }
        }
        switch kind {
        case .transition: return isIdentifier(name, dashes: true)
        case .fact: return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isIdentifier($0, dashes: false) }
        default: return isIdentifier(name, dashes: false)
        }
    }
}
