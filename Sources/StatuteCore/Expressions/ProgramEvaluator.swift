/// Evaluates a ``CompiledProgram``: the one evaluator, with and without explanations.
///
/// It reads everything through unsafe buffer pointers taken for the duration of one
/// evaluation (see ``CompiledProgram/evaluate(facts:settings:today:derived:observer:)``),
/// so walking the instructions retains nothing. Recursion depth is the tree's depth,
/// which the parser holds to ``ExpressionLimits/maxDepth``; derived values are computed
/// beforehand (``DerivedTable``).
struct ProgramEvaluator<Observer: EvaluationObserver> {
    let instructions: UnsafeBufferPointer<Instruction>
    let constants: UnsafeBufferPointer<Value>
    let names: UnsafeBufferPointer<String>
    let items: UnsafeBufferPointer<Int32>
    let facts: UnsafeBufferPointer<Value>
    let settings: UnsafeBufferPointer<Value>
    /// Derived values by environment index (`nil`: not computed, read as null).
    let derived: UnsafeBufferPointer<Value?>
    let today: CalendarDate
    var observer: Observer

    @inline(__always)
    private func read(_ values: UnsafeBufferPointer<Value>, _ slot: Int32) -> Value {
        slot >= 0 && Int(slot) < values.count ? values[Int(slot)] : .null
    }

    /// The value of instruction `index` and, when it is null, the blame for it.
    mutating func evaluate(_ index: Int32) -> (Value, Observer.Blame) {
        let instruction = instructions[Int(index)]
        switch instruction.op {
        case .constant:
            return (constants[Int(instruction.a)], Observer.none)
        case .fact:
            let value = read(facts, instruction.a)
            return (value, observer.read(instruction.b, of: names, value: value))
        case .setting:
            let value = read(settings, instruction.a)
            return (value, observer.read(instruction.b, of: names, value: value))
        case .today:
            let value = Value.date(today)
            return (value, observer.read(instruction.b, of: names, value: value))
        case .derived:
            let slot = Int(instruction.a)
            let value = slot >= 0 && slot < derived.count ? derived[slot] ?? .null : .null
            return (value, observer.read(instruction.b, of: names, value: value))
        case .unary(let op):
            let (x, bx) = evaluate(instruction.a)
            return x.isNull ? (.null, bx) : (op.apply(x), Observer.none)
        case .binary(let op):
            let (x, bx) = evaluate(instruction.a)
            if x.isNull { return (.null, bx) }
            let (y, by) = evaluate(instruction.b)
            return y.isNull ? (.null, by) : (op.apply(x, y), Observer.none)
        case .equal, .notEqual:
            let (x, _) = evaluate(instruction.a)
            let (y, _) = evaluate(instruction.b)
            return (.bool((x == y) != (instruction.op == .notEqual)), Observer.none)
        case .and:
            let (x, bx) = evaluate(instruction.a)
            if case .bool(false) = x { return (x, Observer.none) }
            let (y, by) = evaluate(instruction.b)
            if case .bool(false) = y { return (y, Observer.none) }
            if x.isNull || y.isNull {
                return (.null, merge(x.isNull ? bx : Observer.none, y.isNull ? by : Observer.none))
            }
            return (.bool(true), Observer.none)
        case .or:
            let (x, bx) = evaluate(instruction.a)
            if case .bool(true) = x { return (x, Observer.none) }
            let (y, by) = evaluate(instruction.b)
            if case .bool(true) = y { return (y, Observer.none) }
            if x.isNull || y.isNull {
                return (.null, merge(x.isNull ? bx : Observer.none, y.isNull ? by : Observer.none))
            }
            return (.bool(false), Observer.none)
        case .coalesce:
            let (x, bx) = evaluate(instruction.a)
            if !x.isNull { return (x, Observer.none) }
            let (y, by) = evaluate(instruction.b)
            return y.isNull ? (y, merge(bx, by)) : (y, Observer.none)
        case .conditional:
            let (x, bx) = evaluate(instruction.a)
            switch x {
            case .bool(true): return evaluate(instruction.b)
            case .bool(false): return evaluate(instruction.c)
            default: return (.null, bx)
            }
        case .member:
            let (x, bx) = evaluate(instruction.a)
            if x.isNull { return (.null, bx) }
            let start = Int(instruction.b)
            for position in start..<start + Int(instruction.c) where evaluate(items[position]).0 == x {
                return (.bool(true), Observer.none)
            }
            return (.bool(false), Observer.none)
        }
    }

    @inline(__always)
    private func merge(_ a: Observer.Blame, _ b: Observer.Blame) -> Observer.Blame {
        observer.merge(a, b)
    }
}

extension CompiledProgram {
    /// The program's value, read against facts, settings, `today` and the derived values
    /// computed so far, watched by `observer`.
    @inline(__always)
    func evaluate<Observer: EvaluationObserver>(facts: [Value], settings: [Value], today: CalendarDate,
                                                derived: UnsafeBufferPointer<Value?>, observer: inout Observer)
        -> (Value, Observer.Blame) {
        instructions.withUnsafeBufferPointer { instructions in
            constants.withUnsafeBufferPointer { constants in
                names.withUnsafeBufferPointer { names in
                    items.withUnsafeBufferPointer { items in
                        facts.withUnsafeBufferPointer { facts in
                            settings.withUnsafeBufferPointer { settings in
                                var evaluator = ProgramEvaluator(
                                    instructions: instructions, constants: constants, names: names, items: items,
                                    facts: facts, settings: settings, derived: derived, today: today,
                                    observer: observer)
                                let result = evaluator.evaluate(root)
                                observer = evaluator.observer
                                return result
                            }
                        }
                    }
                }
            }
        }
    }

    /// ``evaluate(facts:settings:today:derived:observer:)`` with the derived values in an array.
    @inline(__always)
    func evaluate<Observer: EvaluationObserver>(facts: [Value], settings: [Value], today: CalendarDate,
                                                derived: [Value?], observer: inout Observer)
        -> (Value, Observer.Blame) {
        derived.withUnsafeBufferPointer { derived in
            evaluate(facts: facts, settings: settings, today: today, derived: derived, observer: &observer)
        }
    }

    /// The program's value with explain off.
    @inline(__always)
    func value(facts: [Value], settings: [Value], today: CalendarDate, derived: UnsafeBufferPointer<Value?>) -> Value {
        var silent = SilentObserver()
        return evaluate(facts: facts, settings: settings, today: today, derived: derived, observer: &silent).0
    }

    /// The program's value with explain off, the derived values in an array.
    @inline(__always)
    func value(facts: [Value], settings: [Value], today: CalendarDate, derived: [Value?]) -> Value {
        derived.withUnsafeBufferPointer { value(facts: facts, settings: settings, today: today, derived: $0) }
    }
}
