/// The checker's output for an expression: names are slots, operators are chosen for
/// their operand types, and null handling is explicit in the node kind. It is flattened
/// into a ``CompiledProgram`` before it is evaluated.
enum CompiledNode: Sendable {
    case constant(Value)
    /// A fact by slot (name kept for traces).
    case fact(Int, String)
    /// A setting by slot (name kept for traces).
    case setting(Int, String)
    case today
    /// A derived value by its index in the environment, computed before the expression runs.
    case derived(Int, String)
    /// A strict unary operation: a null operand gives null.
    indirect case unary(UnaryOp, CompiledNode)
    /// A strict binary operation: a null operand gives null.
    indirect case binary(BinaryOp, CompiledNode, CompiledNode)
    /// `==` (or `!=` when negated): compares null like a value, never null.
    indirect case equal(CompiledNode, CompiledNode, negated: Bool)
    /// Three-valued `&&`.
    indirect case and(CompiledNode, CompiledNode)
    /// Three-valued `||`.
    indirect case or(CompiledNode, CompiledNode)
    /// `a ?? b`.
    indirect case coalesce(CompiledNode, CompiledNode)
    /// `c ? a : b`; a null condition gives null.
    indirect case conditional(CompiledNode, CompiledNode, CompiledNode)
    /// `x in [items]`: null when `x` is null, else whether any item equals `x`.
    indirect case member(CompiledNode, [CompiledNode])
}

extension CompiledNode {
    /// Adds the instructions and constants this node flattens to. Recursion depth is the
    /// tree's, which the parser bounds.
    func count(into size: inout (instructions: Int, constants: Int, names: Int)) {
        size.instructions += 1
        switch self {
        case .constant: size.constants += 1
        case .fact, .setting, .today, .derived: size.names += 1
        case .unary(_, let x): x.count(into: &size)
        case .binary(_, let x, let y), .equal(let x, let y, _), .and(let x, let y), .or(let x, let y),
             .coalesce(let x, let y):
            x.count(into: &size)
            y.count(into: &size)
        case .conditional(let x, let y, let z):
            x.count(into: &size)
            y.count(into: &size)
            z.count(into: &size)
        case .member(let x, let list):
            x.count(into: &size)
            for item in list { item.count(into: &size) }
        }
    }
}

/// What one instruction of a ``CompiledProgram`` does.
enum Opcode: Sendable, Equatable {
    /// `constants[a]`.
    case constant
    /// Fact slot `a`, named `names[b]`.
    case fact
    /// Setting slot `a`, named `names[b]`.
    case setting
    /// `today`.
    case today
    /// Derived value `a`, named `names[b]`.
    case derived
    /// The operation on instruction `a`.
    case unary(UnaryOp)
    /// The operation on instructions `a` and `b`.
    case binary(BinaryOp)
    /// `a == b`.
    case equal
    /// `a != b`.
    case notEqual
    /// `a && b`.
    case and
    /// `a || b`.
    case or
    /// `a ?? b`.
    case coalesce
    /// `a ? b : c`.
    case conditional
    /// `a in [items[b..<b+c]]`.
    case member
}

/// One step of a flattened expression. A trivial value (no references), so walking
/// instructions costs no reference counting.
struct Instruction: Sendable {
    var op: Opcode
    var a: Int32 = 0
    var b: Int32 = 0
    var c: Int32 = 0
}

/// An expression as a flat array of instructions, children before their parent, the root
/// last. Constants, names and `in` lists live in side arrays indexed by the instructions.
struct CompiledProgram: Sendable {
    let instructions: [Instruction]
    let constants: [Value]
    /// The names read, for traces (fact, setting and derived instructions index them).
    let names: [String]
    /// The instruction indices of `in` lists.
    let items: [Int32]

    var root: Int32 { Int32(instructions.count - 1) }

    init(_ node: CompiledNode) {
        var builder = Builder()
        // Arrays of exactly the size needed: grown by appending, they were reallocated
        // four or five times per expression and left a third of their room unused (a
        // policy of 2,000 statuses holds some 18,000 programs for its whole life).
        var size = (instructions: 0, constants: 0, names: 0)
        node.count(into: &size)
        builder.instructions.reserveCapacity(size.instructions)
        builder.constants.reserveCapacity(size.constants)
        builder.names.reserveCapacity(size.names)  // at most: a name read twice is listed once
        _ = builder.emit(node)
        instructions = builder.instructions
        constants = builder.constants
        names = builder.names
        items = builder.items
    }

    private struct Builder {
        var instructions: [Instruction] = []
        var constants: [Value] = []
        var names: [String] = []
        var items: [Int32] = []

        mutating func name(_ text: String) -> Int32 {
            if let index = names.firstIndex(of: text) { return Int32(index) }
            names.append(text)
            return Int32(names.count - 1)
        }

        mutating func add(_ instruction: Instruction) -> Int32 {
            instructions.append(instruction)
            return Int32(instructions.count - 1)
        }

        /// Emits `node` after its children; returns its index. Recursion depth is the
        /// tree's, which the parser bounds (``ExpressionLimits/maxDepth``).
        mutating func emit(_ node: CompiledNode) -> Int32 {
            switch node {
            case .constant(let value):
                constants.append(value)
                return add(Instruction(op: .constant, a: Int32(constants.count - 1)))
            case .fact(let slot, let text):
                return add(Instruction(op: .fact, a: Int32(clamping: slot), b: name(text)))
            case .setting(let slot, let text):
                return add(Instruction(op: .setting, a: Int32(clamping: slot), b: name(text)))
            case .today:
                return add(Instruction(op: .today, b: name("today")))
            case .derived(let index, let text):
                return add(Instruction(op: .derived, a: Int32(clamping: index), b: name(text)))
            case .unary(let op, let x):
                let a = emit(x)
                return add(Instruction(op: .unary(op), a: a))
            case .binary(let op, let x, let y):
                let a = emit(x), b = emit(y)
                return add(Instruction(op: .binary(op), a: a, b: b))
            case .equal(let x, let y, let negated):
                let a = emit(x), b = emit(y)
                return add(Instruction(op: negated ? .notEqual : .equal, a: a, b: b))
            case .and(let x, let y):
                let a = emit(x), b = emit(y)
                return add(Instruction(op: .and, a: a, b: b))
            case .or(let x, let y):
                let a = emit(x), b = emit(y)
                return add(Instruction(op: .or, a: a, b: b))
            case .coalesce(let x, let y):
                let a = emit(x), b = emit(y)
                return add(Instruction(op: .coalesce, a: a, b: b))
            case .conditional(let x, let y, let z):
                let a = emit(x), b = emit(y), c = emit(z)
                return add(Instruction(op: .conditional, a: a, b: b, c: c))
            case .member(let x, let list):
                let a = emit(x)
                let emitted = list.map { emit($0) }
                let start = Int32(items.count)
                items += emitted
                return add(Instruction(op: .member, a: a, b: start, c: Int32(emitted.count)))
            }
        }
    }
}
