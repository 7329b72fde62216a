import StatuteCore

/// Facts or settings read from a parsed JSON object (nested objects or dotted keys),
/// each converted to its declared type and checked against its declaration.
///
/// The policy is passed to ``collect(_:prefix:policy:)`` rather than kept: a stored copy
/// of a `CompiledPolicy` retains and releases each of its fields, per record.
struct JSONInputValues {
    let kind: InputKind
    /// The policy's facts or settings, as `kind` says.
    let declarations: [ValueDeclaration]
    private(set) var values: [String: Value] = [:]

    init(kind: InputKind, declarations: [ValueDeclaration]) {
        self.kind = kind
        self.declarations = declarations
    }

    /// Looked up through the policy's slot tables (a linear search compared strings and
    /// copied declarations: a quarter of a record's reading when measured). The slot, not
    /// the declaration: copying a declaration retains and releases each of its fields.
    private func slot(named name: String, in policy: CompiledPolicy) -> Int? {
        kind == .fact ? policy.factSlot(of: name) : policy.settingSlot(of: name)
    }

    /// Whether some declared name continues `name` with a dot: `program` for `program.months`.
    private func isGroup(_ name: String) -> Bool {
        declarations.contains { declaration in
            let full = declaration.name.value.utf8
            return full.count > name.utf8.count && full.starts(with: name.utf8)
                && full[full.index(full.startIndex, offsetBy: name.utf8.count)] == UInt8(ascii: ".")
        }
    }

    mutating func collect(_ object: JSONValue, prefix: String, policy: CompiledPolicy) throws(Diagnostic) {
        guard case .object(let members) = object else { return }
        let declarations = declarations
        if values.isEmpty { values.reserveCapacity(declarations.count) }
        for (key, value) in members {
            let name = prefix.isEmpty ? key : prefix + key
            if let slot = slot(named: name, in: policy) {
                guard values[name] == nil else {
                    throw .error(.duplicateValue, "\(kind.rawValue) `\(name)` is given twice", at: nil,
                                 help: "give each \(kind.rawValue) once, nested or dotted")
                }
                // The check first: the declaration (a copy, when read out of the array) only
                // when the check cannot tell.
                let check = kind == .fact ? policy.factChecks[slot] : policy.settingChecks[slot]
                let converted = try JSONInputValues.value(of: value, as: check.type, name: name)
                if !check.passes(converted), let problem = declarations[slot].violation(of: converted) {
                    throw .error(.invalidValue, problem, at: nil)
                }
                values[name] = converted
            } else if case .object = value, isGroup(name) {
                try collect(value, prefix: name + ".", policy: policy)
            } else {
                throw .error(kind.unknownCode, "unknown \(kind.rawValue) `\(name)`", at: nil,
                             help: Suggestions.didYouMean(name, in: declarations.map(\.name.value)))
            }
        }
    }

    /// Converts a JSON value to a value of `type`: booleans, integers and strings as
    /// themselves, dates as `"YYYY-MM-DD"` strings, `null` only for optional types.
    static func value(of json: JSONValue, as type: ValueType, name: String) throws(Diagnostic) -> Value {
        func mismatch() -> Diagnostic {
            .error(.wrongType, "`\(name)` must be \(ValueConversion.article(type.base)), found \(json.kindDescription)", at: nil)
        }
        switch (json, type.base) {
        case (.null, _):
            guard type.isOptional else {
                throw .error(.wrongType, "`\(name)` cannot be null: it is declared `\(type)`", at: nil,
                             help: "give a value, or declare it `\(type.base)?`")
            }
            return .null
        case (.bool(let flag), .bool): return .bool(flag)
        case (.int(let number), .int): return .int(number)
        case (.fraction(let text), .int):
            throw Diagnostic.error(.wrongType, "`\(name)` is int, got \(text)", at: nil,
                                   help: "give a whole number")
        case (.string(let text), .string): return .string(text)
        case (.string(let text), .date):
            guard let date = DateBytes.parse(text) else {
                throw .error(.invalidDate, ValueConversion.invalidDateMessage(text, name: name), at: nil,
                             help: "dates are written `YYYY-MM-DD`, e.g. `2026-03-01`")
            }
            return .date(date)
        case (.string(let text), .bool) where text == "true" || text == "false":
            throw Diagnostic.error(.wrongType, "`\(name)` must be a boolean, found the string \"\(text)\"", at: nil,
                                   help: "write \(text) without quotes")
        case (.string(let text), .int) where Int(text) != nil:
            throw Diagnostic.error(.wrongType, "`\(name)` must be an integer, found the string \"\(text)\"", at: nil,
                                   help: "write \(text) without quotes")
        default:
            throw mismatch()
        }
    }
}
