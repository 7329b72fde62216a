import Testing
@testable import StatuteCore

/// The checker finds functions by a `switch` on the name (``BuiltinFunction/ID``); the
/// docs, suggestions and evaluator read ``BuiltinFunction/all``. They must agree.
@Suite struct BuiltinFunctionTableTests {
    @Test func everyFunctionIsFoundAtItsPositionInTheTable() {
        for (position, function) in BuiltinFunction.all.enumerated() {
            let id = BuiltinFunction.ID(name: function.name)
            #expect(id?.rawValue == position, "\(function.name)")
            #expect(id?.arity == function.arity, "\(function.name)")
            #expect(BuiltinFunction.named(function.name)?.name == function.name)
        }
    }

    @Test func noOtherNameIsAFunction() {
        for name in ["", "day", "Days", "DAYS", "days_betweenx", "date ", "mins", "today", "max_"] {
            #expect(BuiltinFunction.ID(name: name) == nil, "\(name)")
            #expect(BuiltinFunction.named(name) == nil, "\(name)")
        }
        #expect(BuiltinFunction.ID.daysBetween.rawValue == BuiltinFunction.all.count - 1)
    }
}
