import StatuteCore
package import StatuteYAML

/// Which declarations an input is read against.
package enum InputKind: String, Hashable, Sendable {
    /// `fact`: read against the policy's fact declarations; `setting`: against its setting declarations.
    case fact, setting

    /// The code of an unknown name of this kind.
    var unknownCode: DiagnosticCode { self == .fact ? .unknownFact : .unknownSetting }
    /// The command-line option that gives one value of this kind.
    var option: String { self == .fact ? "--fact" : "--setting" }
}

/// Codes of input-record problems not covered by the engine's and loader's codes.
extension DiagnosticCode {
    /// A value is given twice (nested and dotted, or twice on the command line).
    public static let duplicateValue: DiagnosticCode = "duplicate-value"
    /// A `--fact`/`--setting` argument is not `NAME=VALUE`.
    public static let invalidAssignment: DiagnosticCode = "invalid-assignment"
    /// A JSON Lines input line is longer than the limit.
    public static let lineTooLong: DiagnosticCode = "line-too-long"
}

/// Reads the values of facts or settings — from files (JSON or YAML, read through the
/// same strict YAML reader, so errors have a line and column), from YAML nodes (a JSON
/// Lines record's `facts`), and from `NAME=VALUE` command-line arguments — converting
/// each against its declaration.
///
/// Objects may nest or use dotted keys: `{"program": {"require_approval": true}}` is
/// `{"program.require_approval": true}`.
package enum InputValues {
    /// The result of reading values: every value that could be read, and every problem.
    package struct Reading: Sendable {
        /// The values read, by name (dotted paths for facts), each converted to its declared type.
        package var values: [String: Value] = [:]
        /// Every problem found, with a span where the input has positions.
        package var diagnostics: [Diagnostic] = []
    }

    /// Reads a facts or settings file. A file that holds only `null` (or nothing) gives no values.
    package static func read(contentsOf path: String, declarations: [ValueDeclaration], kind: InputKind,
                            limits: YAMLLimits = YAMLLimits(), access: FileAccess = .namedByUser) -> Reading {
        switch SourceReading.read(path, limit: limits.maxFileBytes, access: access) {
        case .success(let bytes): return read(bytes: bytes, file: path, declarations: declarations, kind: kind, limits: limits)
        case .failure(let diagnostic): return Reading(diagnostics: [diagnostic])
        }
    }

    /// Reads facts or settings from the bytes of a JSON or YAML document named `file`.
    package static func read(bytes: [UInt8], file: String, declarations: [ValueDeclaration], kind: InputKind,
                            limits: YAMLLimits = YAMLLimits()) -> Reading {
        let firstByte = bytes.first { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains($0) }
        let isJSON = file.hasSuffix(".json") || firstByte == UInt8(ascii: "{")
        let read = YAMLReader.read(bytes: isJSON ? JSONSurrogates.combiningPairs(bytes) : bytes, file: file, limits: limits)
        guard let root = read.root, !read.diagnostics.hasErrors else { return Reading(diagnostics: read.diagnostics) }
        var reading = values(in: root, declarations: declarations, kind: kind, what: "the \(kind.rawValue)s file")
        reading.diagnostics = read.diagnostics + reading.diagnostics
        return reading
    }

    /// Reads a mapping node of values (nested or dotted keys). A null node gives no values.
    ///
    /// - Parameters:
    ///   - node: the mapping, or a null scalar.
    ///   - declarations: the policy's fact or setting declarations the values are read against.
    ///   - kind: whether the values are facts or settings (decides the unknown-name code).
    ///   - what: the input, for messages: "the facts file", "record `42`"…
    package static func values(in node: YAMLNode, declarations: [ValueDeclaration], kind: InputKind,
                              what: String) -> Reading {
        var reading = Reading()
        if node.scalar?.isNull == true { return reading }
        guard node.mapping != nil else {
            reading.diagnostics.append(.error(.wrongType, "\(what) must be a mapping of \(kind.rawValue) names to values, found \(node.kindDescription)",
                                              at: node.span))
            return reading
        }
        let byName = Dictionary(declarations.map { ($0.name.value, $0) }, uniquingKeysWith: { a, _ in a })
        collect(node, prefix: "", byName: byName, kind: kind, into: &reading)
        return reading
    }

    private static func collect(_ node: YAMLNode, prefix: String, byName: [String: ValueDeclaration],
                                kind: InputKind, into reading: inout Reading) {
        for entry in node.mapping ?? [] {
            guard let key = entry.key.scalar?.value else { continue }
            let name = prefix + key
            if let declaration = byName[name] {
                guard reading.values[name] == nil else {
                    reading.diagnostics.append(.error(.duplicateValue, "\(kind.rawValue) `\(name)` is given twice",
                                                      at: entry.key.span, help: "give each \(kind.rawValue) once, nested or dotted"))
                    continue
                }
                switch ValueConversion.value(of: entry.value, as: declaration.type.value, name: name) {
                case .success(let value):
                    if let problem = declaration.violation(of: value) {
                        reading.diagnostics.append(.error(.invalidValue, problem, at: entry.value.span))
                    } else {
                        reading.values[name] = value
                    }
                case .failure(let diagnostic):
                    reading.diagnostics.append(diagnostic)
                }
            } else if entry.value.mapping != nil, byName.keys.contains(where: { $0.hasPrefix(name + ".") }) {
                collect(entry.value, prefix: name + ".", byName: byName, kind: kind, into: &reading)
            } else {
                reading.diagnostics.append(.error(kind.unknownCode, "unknown \(kind.rawValue) `\(name)`", at: entry.key.span,
                                                  help: Suggestions.didYouMean(name, in: byName.keys.sorted())))
            }
        }
    }

    /// Parses one `NAME=VALUE` argument by the declared type of `NAME`: `true`/`false`,
    /// an integer, `YYYY-MM-DD`, text, or `null`.
    package static func assignment(_ argument: String, declarations: [ValueDeclaration],
                                  kind: InputKind) -> Result<(name: String, value: Value), Diagnostic> {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            return .failure(.error(.invalidAssignment, "`\(kind.option) \(argument)` is not NAME=VALUE", at: nil,
                                   help: "write e.g. `\(kind.option) name=value`"))
        }
        let name = String(argument[..<equals])
        let text = String(argument[argument.index(after: equals)...])
        guard let declaration = declarations.first(where: { $0.name.value == name }) else {
            return .failure(.error(kind.unknownCode, "unknown \(kind.rawValue) `\(name)` in `\(kind.option) \(argument)`", at: nil,
                                   help: Suggestions.didYouMeanAndList(name, in: declarations.map(\.name.value), kind: kind.rawValue + "s")))
        }
        switch ValueConversion.value(parsing: text, as: declaration.type.value, name: name) {
        case .success(let value):
            if let problem = declaration.violation(of: value) {
                return .failure(.error(.invalidValue, problem, at: nil))
            }
            return .success((name, value))
        case .failure(let diagnostic):
            return .failure(diagnostic)
        }
    }

    /// Reads a values file (when given) and then `NAME=VALUE` arguments, which override
    /// the file's values; a name given twice on the command line is an error.
    package static func gather(file: String?, arguments: [String], declarations: [ValueDeclaration],
                              kind: InputKind) -> Reading {
        var reading = file.map { read(contentsOf: $0, declarations: declarations, kind: kind) } ?? Reading()
        var given = Set<String>()
        for argument in arguments {
            switch assignment(argument, declarations: declarations, kind: kind) {
            case .success(let (name, value)):
                if !given.insert(name).inserted {
                    reading.diagnostics.append(.error(.duplicateValue, "\(kind.rawValue) `\(name)` is given twice on the command line", at: nil))
                }
                reading.values[name] = value
            case .failure(let diagnostic):
                reading.diagnostics.append(diagnostic)
            }
        }
        return reading
    }
}
