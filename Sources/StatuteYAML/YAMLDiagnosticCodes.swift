import StatuteCore

/// The codes of the diagnostics the YAML reader produces.
extension DiagnosticCode {
    /// The file is larger than `YAMLLimits.maxFileBytes`.
    public static let fileTooLarge: DiagnosticCode = "file-too-large"
    /// The file is not valid UTF-8.
    public static let invalidUTF8: DiagnosticCode = "invalid-utf8"
    /// The file contains a NUL byte, a control character or another character YAML forbids.
    public static let invalidCharacter: DiagnosticCode = "invalid-character"
    /// libyaml could not scan or parse the file.
    public static let yamlSyntax: DiagnosticCode = "yaml-syntax"
    /// The file holds no document (it is empty or has only comments).
    public static let emptyDocument: DiagnosticCode = "empty-document"
    /// The file holds more than one document.
    public static let multipleDocuments: DiagnosticCode = "multiple-documents"
    /// A node has an explicit tag such as `!!python/object` or `!foo`.
    public static let yamlTag: DiagnosticCode = "yaml-tag"
    /// A mapping has the same key twice.
    public static let duplicateKey: DiagnosticCode = "duplicate-key"
    /// A mapping key is a mapping or a list.
    public static let complexKey: DiagnosticCode = "complex-key"
    /// An alias names an anchor that is not defined before it.
    public static let undefinedAlias: DiagnosticCode = "undefined-alias"
    /// The aliases of the document stand for more nodes than `YAMLLimits.maxNodes`.
    public static let tooManyNodes: DiagnosticCode = "too-many-nodes"
    /// Collections nest deeper than `YAMLLimits.maxDepth`.
    public static let tooDeep: DiagnosticCode = "too-deep"
}
