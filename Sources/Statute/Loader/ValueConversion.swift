import StatuteCore
import StatuteYAML

/// Converts YAML (and JSON, read through the same reader) scalars and command-line
/// text into typed ``Value``s, following the YAML core schema strictly.
package enum ValueConversion {
    /// Converts a node to a value of `type`, or explains why it does not fit.
    ///
    /// - `bool`: plain `true`/`false` (not `yes`/`no`/`on`/`off`).
    /// - `int`: a plain integer.
    /// - `string`: a quoted scalar, or a plain one that is not a boolean, number or null.
    /// - `date`: `YYYY-MM-DD`, a real calendar date.
    /// - `null` (plain `null`, `~` or empty) fits only optional types.
    static func value(of node: YAMLNode, as type: ValueType, name: String) -> Result<Value, Diagnostic> {
        guard let scalar = node.scalar else {
            return .failure(.error(.wrongType, "`\(name)` must be \(article(type.base)), found \(node.kindDescription)",
                                   at: node.span))
        }
        if scalar.isNull {
            return type.isOptional ? .success(.null)
                : .failure(.error(.wrongType, "`\(name)` cannot be null: it is declared `\(type)`", at: node.span,
                                  help: "give a value, or declare it `\(type.base)?`"))
        }
        // Written only for a value that does not fit.
        var mismatch: Diagnostic {
            Diagnostic.error(.wrongType, "`\(name)` must be \(article(type.base)), found \(node.kindDescription)",
                             at: node.span, help: yaml11Help(scalar, type: type))
        }
        switch type.base {
        case .bool:
            return scalar.boolValue.map { .success(.bool($0)) } ?? .failure(mismatch)
        case .int:
            return scalar.intValue.map { .success(.int($0)) } ?? .failure(mismatch)
        case .string:
            if scalar.style == .plain, scalar.boolValue != nil || scalar.intValue != nil || scalar.looksLikeFloat {
                return .failure(Diagnostic.error(.wrongType, "`\(name)` must be a string, found \(node.kindDescription)",
                                                 at: node.span, help: "quote it to make it text: \"\(scalar.value)\""))
            }
            return .success(.string(scalar.value))
        case .date:
            if let date = CalendarDate(iso: scalar.value) { return .success(.date(date)) }
            return .failure(invalidDate(scalar.value, name: name, at: node.span))
        case .period:
            return .failure(mismatch)
        }
    }

    /// Parses command-line text (`--fact NAME=VALUE`) by the declared type: `true`/`false`,
    /// an integer, `YYYY-MM-DD`, text, or `null`.
    package static func value(parsing text: String, as type: ValueType, name: String) -> Result<Value, Diagnostic> {
        func fail(_ message: String) -> Result<Value, Diagnostic> { .failure(.error(.wrongType, message, at: nil)) }
        if text == "null" {
            return type.isOptional ? .success(.null) : fail("`\(name)` cannot be null: it is declared `\(type)`")
        }
        switch type.base {
        case .bool:
            switch text {
            case "true": return .success(.bool(true))
            case "false": return .success(.bool(false))
            default: return fail("`\(name)` must be `true` or `false`, got `\(text)`")
            }
        case .int:
            return Int(text).map { .success(.int($0)) } ?? fail("`\(name)` must be an integer, got `\(text)`")
        case .string:
            return .success(.string(text))
        case .date:
            if let date = CalendarDate(iso: text) { return .success(.date(date)) }
            return .failure(.error(.invalidDate, invalidDateMessage(text, name: name), at: nil))
        case .period:
            return fail("`\(name)` cannot be given as a period")
        }
    }

    static func invalidDate(_ text: String, name: String, at span: SourceSpan) -> Diagnostic {
        .error(.invalidDate, invalidDateMessage(text, name: name), at: span,
               help: "dates are written `YYYY-MM-DD`, e.g. `2026-03-01`")
    }

    static func invalidDateMessage(_ text: String, name: String) -> String {
        let shape = text.utf8.count == 10 && text.split(separator: "-").count == 3
        return shape ? "`\(name)`: `\(text)` is not a real calendar date"
            : "`\(name)` must be a date `YYYY-MM-DD`, got `\(text)`"
    }

    static func article(_ base: BaseType) -> String {
        switch base {
        case .bool: "a boolean (`true` or `false`)"
        case .int: "an integer"
        case .string: "a string"
        case .date: "a date (`YYYY-MM-DD`)"
        case .period: "a period"
        }
    }

    private static func yaml11Help(_ scalar: YAMLScalar, type: ValueType) -> String? {
        guard type.base == .bool, scalar.style == .plain,
              ["yes", "no", "on", "off", "y", "n"].contains(scalar.value.lowercased()) else { return nil }
        return "`\(scalar.value)` is a string in YAML 1.2; write `true` or `false`"
    }
}
