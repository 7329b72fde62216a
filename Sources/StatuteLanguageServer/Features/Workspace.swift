import Foundation
import Statute

/// The documents the editor has open and the files around them: reads each once per
/// version, finds a test file's policy and a policy's test files. Used from one thread
/// (the server's queue).
package final class Workspace {
    /// Open documents by URI.
    package private(set) var documents: [String: OpenDocument] = [:]
    /// Folders searched for test files that name a policy (the workspace's folders).
    package var roots: [String] = []
    private var cache: [String: (version: Int, file: ReadFile)] = [:]
    /// The last reading of each document that could be read as a policy or test file.
    private var lastGood: [String: ReadFile] = [:]

    /// At most this many files are looked at when searching a folder for test files.
    static let searchLimit = 5_000

    package init() {}

    package func open(_ document: OpenDocument) {
        documents[document.uri] = document
        cache[document.uri] = nil
    }

    package func update(_ document: OpenDocument) {
        documents[document.uri] = document
    }

    package func close(_ uri: String) {
        documents[uri] = nil
        cache[uri] = nil
        lastGood[uri] = nil
    }

    /// Keeps a file read elsewhere (the background check) for `version`.
    package func remember(_ file: ReadFile, version: Int) {
        guard documents[file.uri]?.version == version else { return }
        cache[file.uri] = (version, file)
        if file.analysis.kind != .other { lastGood[file.uri] = file }
    }

    /// The last reading of an open document that was a policy or a test file, whatever its
    /// version (for completion while the text is half-typed).
    package func lastRead(_ uri: String) -> ReadFile? { lastGood[uri] }

    /// The open policies' texts by canonical path: what a test file is checked against.
    package func policyTexts() -> [String: [UInt8]] {
        var texts: [String: [UInt8]] = [:]
        for document in documents.values where document.file.hasPrefix("/") {
            guard let canonical = EditorAnalysis.canonicalPath(document.file) else { continue }
            texts[canonical] = Array(document.text.utf8)
        }
        return texts
    }

    /// The open document `uri`, read at its current version.
    package func read(uri: String) -> ReadFile? {
        guard let document = documents[uri] else { return nil }
        if let cached = cache[uri], cached.version == document.version { return cached.file }
        let file = ReadFile(uri: uri, file: document.file, text: document.text, policyTexts: policyTexts())
        cache[uri] = (document.version, file)
        if file.analysis.kind != .other { lastGood[uri] = file }
        return file
    }

    /// The file at the canonical path `path`: the open document when it is open, else the file on disk.
    package func read(path: String) -> ReadFile? {
        if let document = documents.values.first(where: { EditorAnalysis.canonicalPath($0.file) == path }) {
            return read(uri: document.uri)
        }
        guard let text = Self.readText(path) else { return nil }
        return ReadFile(uri: DocumentURI.uri(ofPath: path), file: path, text: text, policyTexts: policyTexts())
    }

    /// The policy a file's names belong to: the file itself for a policy, the policy it
    /// names for a test file.
    package func policy(for file: ReadFile) -> ReadFile? {
        if file.isPolicy { return file }
        guard let path = file.testedPolicyPath else { return nil }
        return read(path: path)
    }

    /// The test files that name the policy at canonical `path`: open ones, and those in the
    /// workspace's folders (else the policy's folder) on disk.
    package func testFiles(of path: String) -> [ReadFile] {
        var found: [String: ReadFile] = [:]
        for uri in documents.keys {
            guard let file = read(uri: uri), file.isTestFile, file.testedPolicyPath == path else { continue }
            found[EditorAnalysis.canonicalPath(file.file) ?? file.uri] = file
        }
        let folders = roots.isEmpty ? [(path as NSString).deletingLastPathComponent] : roots
        var looked = 0
        for folder in folders {
            for candidate in Self.yamlFiles(below: folder, limit: Self.searchLimit - looked) {
                looked += 1
                guard let canonical = EditorAnalysis.canonicalPath(candidate), found[canonical] == nil,
                      canonical != path, let text = Self.readText(canonical), text.contains("tests") else { continue }
                let file = read(path: canonical)
                    ?? ReadFile(uri: DocumentURI.uri(ofPath: canonical), file: canonical, text: text, policyTexts: [:])
                if file.isTestFile, file.testedPolicyPath == path { found[canonical] = file }
            }
        }
        return found.keys.sorted().compactMap { found[$0] }
    }

    /// A regular file's text, when it is at most 4 MiB of UTF-8.
    static func readText(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= 4 << 20,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(bytes: data, encoding: .utf8)
    }

    /// The `*.yaml`/`*.yml` files below `folder`, hidden folders and build folders skipped.
    static func yamlFiles(below folder: String, limit: Int) -> [String] {
        guard limit > 0, let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String, files.count < limit {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name == "node_modules" {
                enumerator.skipDescendants()
                continue
            }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { files.append(folder + "/" + relative) }
        }
        return files.sorted()
    }
}
