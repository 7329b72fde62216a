/// How serious a diagnostic is.
public enum Severity: String, Hashable, Sendable, Comparable, Codable {
    /// The policy (or input) cannot be used.
    case error
    /// The policy works, but probably not as its author meant; fails `check --strict`.
    case warning

    /// Errors order before warnings.
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
    /// The code as written in output, such as `unknown-status`.
    public let rawValue: String
    /// Creates a code from its text.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a code from a string literal: `static let unknownStatus: DiagnosticCode = "unknown-status"`.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The code's text.
    public var description: String { rawValue }
    /// Orders codes alphabetically by their text.
    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A secondary message of a diagnostic with a position of its own, such as where the
/// first of two duplicates is, or another member of a cycle.
public struct DiagnosticNote: Hashable, Sendable {
    /// What this place has to do with the problem, in rustc's voice ("first declared here").
    public var message: String
    /// Where; `nil` when the note has no position.
    public var span: SourceSpan?

    /// Creates a note.
    public init(_ message: String, at span: SourceSpan?) {
        self.message = message
        self.span = span
    }
}

/// One problem found in a policy, a test file or an input record.
///
/// Messages follow rustc's voice: lowercase, no trailing period, names in backticks;
/// the fix goes in `help`, not the message.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Whether the problem is an error or a warning.
    public var severity: Severity
    /// The stable code, such as `unknown-status`.
    public var code: DiagnosticCode
    /// What is wrong, in rustc's voice: lowercase, no trailing period, names in backticks.
    public var message: String
    /// Where the problem is; `nil` only for problems about a whole input with no position.
    public var span: SourceSpan?
    /// A suggestion, such as "did you mean `active`?".
    public var help: String?
    /// Other places that explain the problem (the first duplicate, other members of a cycle).
    public var notes: [DiagnosticNote] = []

    /// Creates a diagnostic; `span` is `nil` only for problems with no position in a source.
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

    /// The diagnostic with `note` added.
    public func noting(_ message: String, at span: SourceSpan?) -> Diagnostic {
        var copy = self
        copy.notes.append(DiagnosticNote(message, at: span))
        return copy
    }

    /// Whether the diagnostic is an error (as opposed to a warning).
    public var isError: Bool { severity == .error }

    /// `file:line:column: severity[code]: message`.
    public var description: String {
        let place = span.map { "\($0.file):\($0.start.line):\($0.start.column): " } ?? ""
        return "\(place)\(severity.rawValue)[\(code.rawValue)]: \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    package var hasErrors: Bool { contains { $0.isError } }

    /// The diagnostics in reading order: by file, line and column, ties kept in the
    /// order found (diagnostics without a span come first); exact duplicates removed,
    /// and at most `limit` kept.
    package func sortedForDisplay(limit: Int = 100) -> [Diagnostic] {
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

extension Array where Element == Diagnostic {
    /// The diagnostics in reading order, at most `limit` of them; when there are more,
    /// one last diagnostic (`too-many-diagnostics`, at the first one left out) says how
    /// many were not shown — an error if any of them is one. A hostile file with
    /// thousands of problems still gets a readable report.
    package func capped(at limit: Int) -> [Diagnostic] {
        let sorted = sortedForDisplay(limit: .max)
        guard limit >= 0, sorted.count > limit else { return sorted }
        let rest = sorted[limit...]
        let count = rest.count
        var kept = Array(sorted.prefix(limit))
        kept.append(Diagnostic(rest.contains(where: \.isError) ? .error : .warning, .tooManyDiagnostics,
                               "\(count) more problem\(count == 1 ? "" : "s") not shown", at: rest.first?.span,
                               help: "at most \(limit) problems are reported per file; fix these first"))
        return kept
    }
}

extension DiagnosticCode {
    /// More problems were found in one file than are reported; the rest are summarised.
    public static let tooManyDiagnostics: DiagnosticCode = "too-many-diagnostics"
}

/// Diagnostics are also errors, so APIs can `throw` one or return `Result<_, Diagnostic>`.
extension Diagnostic: Error {}
