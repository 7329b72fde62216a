package import StatuteCore

/// The codes of the diagnostics the YAML reader produces.
extension DiagnosticCode {
    /// The file is larger than `YAMLLimits.maxFileBytes`.
    package static let fileTooLarge: DiagnosticCode = "file-too-large"
    /// The file is not valid UTF-8.
    package static let invalidUTF8: DiagnosticCode = "invalid-utf8"
    /// The file contains a NUL byte, a control character or another character YAML forbids.
    package static let invalidCharacter: DiagnosticCode = "invalid-character"
    /// libyaml could not scan or parse the file.
    package static let yamlSyntax: DiagnosticCode = "yaml-syntax"
    /// The file holds no document (it is empty or has only comments).
    package static let emptyDocument: DiagnosticCode = "empty-document"
    /// The file holds more than one document.
    package static let multipleDocuments: DiagnosticCode = "multiple-documents"
    /// A node has an explicit tag such as `!!python/object` or `!foo`.
    package static let yamlTag: DiagnosticCode = "yaml-tag"
    /// A mapping has the same key twice.
    package static let duplicateKey: DiagnosticCode = "duplicate-key"
    /// A mapping key is a mapping or a list.
    package static let complexKey: DiagnosticCode = "complex-key"
    /// An alias names an anchor that is not defined before it.
    package static let undefinedAlias: DiagnosticCode = "undefined-alias"
    /// The aliases of the document stand for more nodes than `YAMLLimits.maxNodes`.
    package static let tooManyNodes: DiagnosticCode = "too-many-nodes"
    /// Collections nest deeper than `YAMLLimits.maxDepth`.
    package static let tooDeep: DiagnosticCode = "too-deep"
}
