/// A function of the expression language (docs/policy-language.md): its name, its
/// signature as the docs write it, and the operation the evaluator applies. The checker
/// reads arity and names from ``BuiltinFunction/all``; the compiled node carries the
/// operation; docs and suggestions list the same table.
package struct BuiltinFunction: Sendable {
    /// What the evaluator applies to the (non-null) arguments.
    enum Implementation: Sendable {
        case unary(UnaryOp)
        case binary(BinaryOp)
    }

    /// The name as written in expressions.
    package let name: String
    /// The parameters, as the docs write them (`n: int`).
    package let parameters: [String]
    /// The result type, as the docs write it.
    package let result: String
    /// One sentence for the docs.
    package let summary: String
    let implementation: Implementation

    /// How many arguments the function takes.
    package var arity: Int { parameters.count }

    /// `name(parameters) -> result`.
    package var signature: String { "\(name)(\(parameters.joined(separator: ", "))) -> \(result)" }

    /// Every function, in the order the docs list them.
    package static let all: [BuiltinFunction] = [
        BuiltinFunction(name: "days", parameters: ["n: int"], result: "period",
                        summary: "a period of n days", implementation: .unary(.days)),
        BuiltinFunction(name: "months", parameters: ["n: int"], result: "period",
                        summary: "a period of n months", implementation: .unary(.months)),
        BuiltinFunction(name: "years", parameters: ["n: int"], result: "period",
                        summary: "a period of n years (12 n months)", implementation: .unary(.years)),
        BuiltinFunction(name: "date", parameters: ["text: string"], result: "date?",
                        summary: "the date written `YYYY-MM-DD`; null when the text is not one",
                        implementation: .unary(.parseDate)),
        BuiltinFunction(name: "min", parameters: ["a: int|date", "b: int|date"], result: "int|date",
                        summary: "the smaller of two ints or the earlier of two dates", implementation: .binary(.minimum)),
        BuiltinFunction(name: "max", parameters: ["a: int|date", "b: int|date"], result: "int|date",
                        summary: "the larger of two ints or the later of two dates", implementation: .binary(.maximum)),
        BuiltinFunction(name: "days_between", parameters: ["from: date", "to: date"], result: "int",
                        summary: "the days from `from` to `to` (negative when `to` is earlier)",
                        implementation: .binary(.daysBetween)),
    ]

    /// The function called `name`, or `nil`.
    package static func named(_ name: String) -> BuiltinFunction? {
        ID(name: name).map { all[$0.rawValue] }
    }

    /// A function by its position in ``all``, found from its name by a `switch`: what the
    /// checker uses on every call, without searching the table or copying its strings.
    /// (A test checks that every entry of ``all`` is found at its own position.)
    enum ID: Int, Sendable {
        case days, months, years, date, min, max, daysBetween

        init?(name: String) {
            switch name {
            case "days": self = .days
            case "months": self = .months
            case "years": self = .years
            case "date": self = .date
            case "min": self = .min
            case "max": self = .max
            case "days_between": self = .daysBetween
            default: return nil
            }
        }

        /// How many arguments the function takes.
        var arity: Int { BuiltinFunction.arities[rawValue] }
        /// What the evaluator applies.
        var implementation: Implementation { BuiltinFunction.implementations[rawValue] }
    }

    private static let arities = all.map(\.arity)
    private static let implementations = all.map(\.implementation)

    /// Every function name, sorted (for "did you mean").
    package static var names: [String] { all.map(\.name).sorted() }
}
