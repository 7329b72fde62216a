import Testing
@testable import StatuteCore

/// The reference-free check a record's reading uses first never lets through a value its
/// declaration refuses, and lets through every value it accepts unless the declaration
/// lists allowed strings (then the declaration decides).
struct ValueCheckTests {
    static let span = SourceSpan(file: "", at: SourceLocation(line: 1, column: 1))

    static func located<T>(_ value: T) -> Located<T> { Located(value, at: span) }

    static let declarations: [ValueDeclaration] = {
        var all: [ValueDeclaration] = []
        for base in [BaseType.bool, .int, .string, .date] {
            for optional in [false, true] {
                let type = located(ValueType(base, optional: optional))
                all.append(ValueDeclaration(name: located("x"), type: type))
                if base == .int {
                    all.append(ValueDeclaration(name: located("x"), type: type, min: located(0)))
                    all.append(ValueDeclaration(name: located("x"), type: type, max: located(10)))
                    all.append(ValueDeclaration(name: located("x"), type: type, min: located(-5), max: located(5)))
                }
                if base == .string {
                    all.append(ValueDeclaration(name: located("x"), type: type, allowedValues: [located("a"), located("b")]))
                }
            }
        }
        return all
    }()

    static let values: [Value] = [.null, .bool(true), .bool(false), .int(-6), .int(-5), .int(0), .int(5), .int(10), .int(11),
                                  .string(""), .string("a"), .string("c"), .date(CalendarDate(year: 2026, month: 3, day: 1)!)]

    @Test func theCheckAgreesWithTheDeclaration() {
        var compared = 0
        for declaration in Self.declarations {
            let check = ValueCheck(declaration)
            for value in Self.values {
                let accepted = declaration.violation(of: value) == nil
                if check.passes(value) {
                    #expect(accepted, "\(declaration.type.value) let \(value) through")
                } else if declaration.allowedValues == nil {
                    #expect(!accepted, "\(declaration.type.value) refused \(value), which the declaration accepts")
                }
                compared += 1
            }
        }
        #expect(compared == Self.declarations.count * Self.values.count)
    }
}
