package import StatuteCore

/// What reading a YAML file produced.
package struct YAMLReadResult: Sendable {
    /// The document's root node; `nil` when the document could not be read.
    ///
    /// A root may come with errors that leave the structure intact (a tag, a duplicate
    /// or complex key): callers should check `diagnostics.hasErrors` too.
    package let root: YAMLNode?
    /// Every problem found, in reading order, each with a span.
    package let diagnostics: [Diagnostic]

    /// Creates a read result.
    package init(root: YAMLNode?, diagnostics: [Diagnostic]) {
        self.root = root
        self.diagnostics = diagnostics
    }
}

/// A strict YAML reader: one document, no tags, unique scalar keys, aliases expanded
/// within ``YAMLLimits``, and a position for every node and every character of every
/// scalar's value.
///
/// Positions are 1-based lines and columns, columns counted in Unicode scalars; a
/// byte order mark at the start of the file takes no column.
///
/// - An alias becomes a copy of its anchor's node. The copy's root has the *alias's*
///   span (where the value is used, which is where errors about it belong); the nodes
///   inside the copy, and a copied scalar's `EmbeddedText`, keep the anchored spans,
///   because that is where their characters are written.
/// - Scalars stay strings: `yes`/`no`/`on`/`off` are not booleans, and `<<` is an
///   ordinary key (YAML 1.1 merge keys are not applied).
/// - `root` is `nil` after an error that leaves no trustworthy tree (encoding, syntax,
///   limits, no or several documents, an undefined alias); after a tag, a duplicate
///   key (the first is kept) or a complex key (the entry is dropped) the tree is kept
///   and the error reported.
package enum YAMLReader {
    /// Reads the YAML document in `bytes`, naming it `file` in spans.
    package static func read(bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()) -> YAMLReadResult {
        let start = SourceSpan(file: file, at: SourceLocation(line: 1, column: 1))
        guard bytes.count <= limits.maxFileBytes else {
            return failure(.error(.fileTooLarge,
                                  "the file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes) bytes",
                                  at: start, help: "split the policy, or shorten long texts"))
        }
        let (decoded, encodingDiagnostics) = SourceText.decode(bytes, file: file)
        guard let source = decoded else { return YAMLReadResult(root: nil, diagnostics: encodingDiagnostics) }
        guard let parser = LibYAMLParser(bytes: bytes) else {
            return failure(.error(.yamlSyntax, "libyaml could not start a parser", at: start))
        }
        var builder = YAMLTreeBuilder(source: source, limits: limits)
        let root = builder.build(with: parser)
        return YAMLReadResult(root: root, diagnostics: builder.diagnostics.sortedForDisplay(limit: .max))
    }

    /// Reads the YAML document in `text`, naming it `file` in spans.
    package static func read(text: String, file: String, limits: YAMLLimits = YAMLLimits()) -> YAMLReadResult {
        read(bytes: Array(text.utf8), file: file, limits: limits)
    }

    private static func failure(_ diagnostic: Diagnostic) -> YAMLReadResult {
        YAMLReadResult(root: nil, diagnostics: [diagnostic])
    }
}
