@testable import StatuteCore

/// A small policy vocabulary for expression tests, with expressions placed as if they
/// were a YAML scalar at line 12, column 12 of `policy.yaml`.
enum Fixture {
    static let file = "policy.yaml"
    static let start = SourceLocation(line: 12, column: 12)

    static let facts: [NameDeclaration] = [
        NameDeclaration(name: "paid_in_full", type: .bool),
        NameDeclaration(name: "maybe", type: .bool.optional),
        NameDeclaration(name: "count", type: .int),
        NameDeclaration(name: "n", type: .int.optional),
        NameDeclaration(name: "name", type: .string),
        NameDeclaration(name: "label", type: .string.optional),
        NameDeclaration(name: "start", type: .date),
        NameDeclaration(name: "completed_on", type: .date.optional),
        NameDeclaration(name: "program.require_approval", type: .bool),
        NameDeclaration(name: "program.expires_after_months", type: .int.optional),
        NameDeclaration(name: "components.required", type: .int),
        NameDeclaration(name: "components.completed", type: .int),
    ]

    static let settings: [NameDeclaration] = [
        NameDeclaration(name: "expiring_notice_days", type: .int),
    ]

    static let today = CalendarDate(iso: "2026-03-01")!

    static func text(_ source: String, line: Int = 12, column: Int = 12) -> EmbeddedText {
        EmbeddedText(text: source, file: file, start: SourceLocation(line: line, column: column))
    }

    static func definition(_ name: String, _ source: String, line: Int) -> DerivedDefinition {
        DerivedDefinition(name: name,
                          nameSpan: SourceSpan(file: file, at: SourceLocation(line: line, column: 3)),
                          source: text(source, line: line, column: 3 + name.count + 2))
    }

    static func environment(derived: [DerivedDefinition] = [],
                            limits: ExpressionLimits = ExpressionLimits()) -> (ExpressionEnvironment, [Diagnostic]) {
        ExpressionEnvironment.make(facts: facts, settings: settings, derived: derived, limits: limits)
    }

    static let plain = environment().0

    /// A context where every fact not given is null if optional, else a zero value.
    static func context(_ values: [String: Value] = [:], settings given: [String: Value] = [:],
                        today: CalendarDate = today) -> EvaluationContext {
        let factValues = facts.map { declaration -> Value in
            if let value = values[declaration.name] { return value }
            if declaration.type.isOptional { return .null }
            switch declaration.type.base {
            case .bool: return .bool(false)
            case .int: return .int(0)
            case .string: return .string("")
            case .date: return .date(CalendarDate(iso: "2026-01-01")!)
            case .period: return .period(Period())
            }
        }
        let settingValues = settings.map { given[$0.name] ?? .int(0) }
        return EvaluationContext(facts: factValues, settings: settingValues, today: today)
    }

    /// Compiles `source` for `.any` in `environment`; `nil` and the diagnostics on error.
    static func compile(_ source: String, for purpose: ExpressionPurpose = .any,
                        in environment: ExpressionEnvironment = plain) -> (CompiledExpression?, [Diagnostic]) {
        environment.compile(text(source), for: purpose)
    }

    /// The value of `source`, or `nil` if it does not compile.
    static func value(_ source: String, _ values: [String: Value] = [:],
                      in environment: ExpressionEnvironment = plain) -> Value? {
        compile(source, in: environment).0?.evaluate(in: context(values))
    }

    /// The type of `source`, or `nil` if it does not compile.
    static func type(_ source: String) -> ValueType? {
        compile(source).0?.type
    }

    /// The single diagnostic `source` produces (or the first), with its code and start.
    static func failure(_ source: String, for purpose: ExpressionPurpose = .any,
                        in environment: ExpressionEnvironment = plain) -> Diagnostic? {
        let (compiled, diagnostics) = compile(source, for: purpose, in: environment)
        return compiled == nil ? diagnostics.first : nil
    }

    static func date(_ iso: String) -> Value { .date(CalendarDate(iso: iso)!) }

    static func at(_ column: Int, line: Int = 12) -> SourceLocation { SourceLocation(line: line, column: column) }
}
