/// How serious a diagnostic is.
public enum Severity: String, Hashable, Sendable, Comparable, Codable {
    /// The policy (or input) cannot be used.
    case error
    /// The policy works, but probably not as its author meant; fails `check --strict`.
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// A stable, machine-readable diagnostic code such as `unknown-status`.
///
/// Codes are part of Statute's contract: CI pipelines match on them, so a code never
/// changes meaning once shipped. Each pipeline stage declares its own codes as static
/// members in an extension.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One problem found in a policy, a test file or an input record.
///
/// Messages follow rustc's voice: lowercase, no trailing period, names in backticks;
/// the fix goes in `help`, not the message.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    /// Where the problem is; `nil` only for problems about a whole input with no position.
    public var span: SourceSpan?
    /// A suggestion, such as "did you mean `active`?".
    public var help: String?

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String,
                at span: SourceSpan?, help: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
        self.help = help
    }

    /// An error diagnostic.
    public static func error(_ code: DiagnosticCode, _ message: String, at span: SourceSpan?,
                             help: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: span, help: help)
    }

    /// A warning diagnostic.
    public static func warning(_ code: DiagnosticCode, _ message: String, at span: SourceSpan?,
                               help: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: span, help: help)
    }

    public var isError: Bool { severity == .error }

    /// `file:line:column: severity[code]: message`.
    public var description: String {
        let place = span.map { "\($0.file):\($0.start.line):\($0.start.column): " } ?? ""
        return "\(place)\(severity.rawValue)[\(code.rawValue)]: \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.isError } }

    /// The diagnostics in reading order: by file, line and column, then code;
    /// exact duplicates removed, and at most `limit` kept.
    public func sortedForDisplay(limit: Int = 100) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        let unique = filter { seen.insert($0).inserted }
        let sorted = unique.enumerated().sorted { a, b in
            let l = a.element, r = b.element
            let lf = l.span?.file ?? "", rf = r.span?.file ?? ""
            if lf != rf { return lf < rf }
            let ls = l.span?.start ?? SourceLocation(line: 0, column: 0)
            let rs = r.span?.start ?? SourceLocation(line: 0, column: 0)
            if ls != rs { return ls < rs }
            return a.offset < b.offset
        }.map(\.element)
        return Array(sorted.prefix(limit))
    }
}

/// Diagnostics are also errors, so APIs can `throw` one or return `Result<_, Diagnostic>`.
extension Diagnostic: Error {}
