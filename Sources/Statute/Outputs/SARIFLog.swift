import StatuteCore

/// One file Statute looked at for a SARIF log, with what it found there.
package struct SARIFFile: Sendable {
    /// The file as the user named it.
    package let path: String
    /// Its problems: check diagnostics, or a test file's problems and failed tests.
    package let diagnostics: [Diagnostic]

    /// A file and its problems.
    package init(path: String, diagnostics: [Diagnostic]) {
        self.path = path
        self.diagnostics = diagnostics
    }
}

/// Renders problems as a SARIF 2.1.0 log (the OASIS Static Analysis Results Interchange
/// Format) for code-scanning dashboards: one run whose driver has one rule per diagnostic
/// code, one result per problem, and the files that could not be read as tool execution
/// notifications. Pure: it returns the JSON value and never reads a clock.
package struct SARIFRenderer {
    /// The full text of a file by the name used in spans, or `nil` when unavailable; used
    /// to convert columns to UTF-16 (``SARIFPositions``).
    package typealias SourceLookup = (String) -> String?

    /// The base id relative URIs are written against: the working directory.
    package static let baseID = "%SRCROOT%"

    private let paths: ReportPaths
    private let sources: SourceLookup
    private var cache: [String: [Substring]?] = [:]

    /// `workingDirectory` (absolute) is what relative URIs are relative to; `sources` gives a file's text.
    package init(workingDirectory: String, sources: @escaping SourceLookup = { _ in nil }) {
        self.paths = ReportPaths(workingDirectory: workingDirectory)
        self.sources = sources
    }

    /// The SARIF log of `files`, in the order given.
    package mutating func render(_ files: [SARIFFile]) -> JSONValue {
        var rules = DiagnosticCatalog.entries
        var ruleIndex: [DiagnosticCode: Int] = [:]
        for (index, entry) in rules.enumerated() { ruleIndex[entry.code] = index }
        func index(of code: DiagnosticCode, _ severity: Severity) -> Int {
            if let index = ruleIndex[code] { return index }
            rules.append(DiagnosticCatalog.Entry(code: code, severity: severity, summary: "Statute's `\(code.rawValue)` diagnostic."))
            ruleIndex[code] = rules.count - 1
            return rules.count - 1
        }

        var results: [JSONValue] = []
        var notifications: [JSONValue] = []
        for file in files {
            for diagnostic in file.diagnostics {
                let rule = index(of: diagnostic.code, diagnostic.severity)
                if Self.isUnreadable(diagnostic) {
                    notifications.append(notification(diagnostic, file: file.path, rule: rule))
                } else {
                    results.append(result(diagnostic, file: file.path, rule: rule))
                }
            }
        }

        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(notifications.isEmpty))]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        invocation.append(("workingDirectory", .object([("uri", .string(paths.workingDirectoryURI))])))

        let driver: JSONValue = .object([
            ("name", .string("statute")),
            ("version", .string(StatuteVersion.release)),
            ("semanticVersion", .string(StatuteVersion.release)),
            ("informationUri", .string(DiagnosticCatalog.homepage)),
            ("rules", .array(rules.map(Self.rule))),
        ])
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([.object(invocation)])),
            ("originalUriBaseIds", .object([(Self.baseID, .object([("uri", .string(paths.workingDirectoryURI))]))])),
            ("columnKind", .string(SARIFPositions.columnKind)),
            ("results", .array(results)),
        ])
        return .object([
            ("$schema", .string("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    /// Whether `diagnostic` says a file could not be read at all: missing, a folder,
    /// unreadable (no position: the file itself), too large, or not UTF-8. A test file's
    /// `policy:` that names a missing file has a position in the test file: that is a
    /// problem of the test file, reported as a result.
    static func isUnreadable(_ diagnostic: Diagnostic) -> Bool {
        switch diagnostic.code.rawValue {
        case "file-too-large", "invalid-utf8": true
        case DiagnosticCode.unreadableFile.rawValue: diagnostic.span == nil
        default: false
        }
    }

    // MARK: - Pieces

    private mutating func result(_ diagnostic: Diagnostic, file: String, rule: Int) -> JSONValue {
        var text = [Escaping.controlCharacters(diagnostic.message)]
        if let help = diagnostic.help { text.append("help: " + Escaping.controlCharacters(help)) }
        var related: [JSONValue] = []
        for note in diagnostic.notes {
            let message = Escaping.controlCharacters(note.message)
            guard let span = note.span else {
                text.append("note: " + message)
                continue
            }
            related.append(.object([
                ("id", .int(related.count + 1)),
                ("physicalLocation", physicalLocation(span.file, span: span)),
                ("message", .object([("text", .string(message))])),
            ]))
        }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(diagnostic.code.rawValue)),
            ("ruleIndex", .int(rule)),
            ("level", .string(diagnostic.severity.rawValue)),
            ("message", .object([("text", .string(text.joined(separator: "\n")))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(diagnostic.span?.file ?? file, span: diagnostic.span))])])),
        ]
        if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
        return .object(members)
    }

    private mutating func notification(_ diagnostic: Diagnostic, file: String, rule: Int) -> JSONValue {
        var text = Escaping.controlCharacters(diagnostic.message)
        if let help = diagnostic.help { text += "\nhelp: " + Escaping.controlCharacters(help) }
        return .object([
            ("level", .string(diagnostic.severity == .error ? "error" : "warning")),
            ("message", .object([("text", .string(text))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(diagnostic.span?.file ?? file, span: diagnostic.span))])])),
            ("associatedRule", .object([("id", .string(diagnostic.code.rawValue)), ("index", .int(rule))])),
        ])
    }

    private mutating func physicalLocation(_ file: String, span: SourceSpan?) -> JSONValue {
        let (uri, isRelative) = paths.uri(of: file)
        var artifact: [(String, JSONValue)] = [("uri", .string(uri))]
        if isRelative { artifact.append(("uriBaseId", .string(Self.baseID))) }
        var members: [(String, JSONValue)] = [("artifactLocation", .object(artifact))]
        if let span {
            members.append(("region", SARIFPositions.region(of: span) { self.line($0, of: span.file) }))
        }
        return .object(members)
    }

    private mutating func line(_ number: Int, of file: String) -> Substring? {
        if cache[file] == nil { cache[file] = .some(sources(file).map(DiagnosticRenderer.lines(of:))) }
        guard let lines = cache[file] ?? nil, number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }

    private static func rule(_ entry: DiagnosticCatalog.Entry) -> JSONValue {
        let uri = DiagnosticCatalog.helpURI(for: entry.code)
        return .object([
            ("id", .string(entry.code.rawValue)),
            ("shortDescription", .object([("text", .string(entry.summary))])),
            ("helpUri", .string(uri)),
            ("help", .object([
                ("text", .string("\(entry.summary) See \(uri)")),
                ("markdown", .string("\(entry.summary) See [`\(entry.code.rawValue)`](\(uri)).")),
            ])),
            ("defaultConfiguration", .object([("level", .string(entry.severity.rawValue))])),
        ])
    }
}
