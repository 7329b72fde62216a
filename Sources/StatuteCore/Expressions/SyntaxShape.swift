/// An expression's syntax tree packed into one array of words: what a compiled expression
/// keeps of its tree for analysis, docs and warnings.
///
/// A tree of ``ExpressionSyntax`` is one heap object per node with a ``SourceSpan`` each;
/// a policy of 2,000 statuses kept some 150,000 of them (about a quarter of its heap) for
/// its whole life. A shape is the same tree in postorder, as the parser builds it (see
/// ``Builder``): per node a word with its kind and operator, its text as two scalar
/// offsets into the expression's text, then its payload (names and strings as UTF-8
/// bytes, four to a word). The offsets fit any ``EmbeddedText`` of the same text, so an
/// expression written twice shares one shape. One allocation per expression.
///
/// Equality and hashing compare the tree only, as ``ExpressionSyntax`` does: two shapes are
/// equal exactly when their trees are (same canonical text), whatever their offsets.
package struct SyntaxShape: Hashable, Sendable {
    /// The nodes in postorder, each `[kind | operator << 8, start, end, payload…]`.
    private let words: [UInt32]

    /// Packs `syntax`, whose spans lie in `source`.
    package init(_ syntax: ExpressionSyntax, in source: EmbeddedText) {
        var builder = Builder(capacity: source.text.utf8.count + 8)
        builder.add(syntax, in: source)
        self = builder.shape
    }

    fileprivate init(words: [UInt32]) {
        self.words = words
    }

    /// The tree, with spans in `source` (an expression of the same text as the one packed).
    package func syntax(in source: EmbeddedText) -> ExpressionSyntax {
        var stack: [ExpressionSyntax] = []
        var index = 0
        while index < words.count {
            let header = words[index]
            let span = source.span(scalarOffsets: Int(words[index + 1])..<max(Int(words[index + 1]), Int(words[index + 2])))
            index += 3
            let op = Int(header >> 8 & 0xFF)
            let kind: ExpressionSyntax.Kind
            switch Tag(rawValue: header & 0xFF)! {
            case .null: kind = .literal(.null)
            case .false: kind = .literal(.bool(false))
            case .true: kind = .literal(.bool(true))
            case .int:
                let bits = UInt64(words[index]) | UInt64(words[index + 1]) << 32
                index += 2
                kind = .literal(.int(Int(Int64(bitPattern: bits))))
            case .string: kind = .literal(.string(string(at: &index)))
            case .name: kind = .name(string(at: &index))
            case .list:
                let count = Int(words[index])
                index += 1
                kind = .list(Array(stack.suffix(count)))
                stack.removeLast(count)
            case .unary: kind = .unary(UnaryOperator(code: op), stack.removeLast())
            case .binary:
                let rhs = stack.removeLast(), lhs = stack.removeLast()
                kind = .binary(BinaryOperator.byCode[op], lhs, rhs)
            case .conditional:
                let otherwise = stack.removeLast(), then = stack.removeLast(), condition = stack.removeLast()
                kind = .conditional(condition, then, otherwise)
            case .call:
                let name = string(at: &index)
                let count = Int(words[index])
                index += 1
                kind = .call(name, Array(stack.suffix(count)))
                stack.removeLast(count)
            }
            stack.append(ExpressionSyntax(kind, span: span))
        }
        return stack[0]
    }

    /// Whether the tree is an `&&` at the top (so it has more than one conjunct), found
    /// without unpacking it: the root is the last node.
    package var isConjunction: Bool {
        var index = 0, root: UInt32 = 0
        while index < words.count {
            root = words[index]
            index += 3
            index += payloadCount(root, at: index)
        }
        return root & 0xFF == Tag.binary.rawValue && root >> 8 & 0xFF == BinaryOperator.and.code
    }

    /// A string packed by ``Builder``, at `index`; moves `index` past it.
    private func string(at index: inout Int) -> String {
        let count = Int(words[index])
        let first = index + 1
        index = first + (count + 3) / 4
        return words.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress.map { $0 + first }, count: count),
                   as: UTF8.self)
        }
    }

    /// The words after a node's header and offsets, at `index` (its payload).
    private func payloadCount(_ header: UInt32, at index: Int) -> Int {
        switch Tag(rawValue: header & 0xFF)! {
        case .null, .false, .true, .unary, .binary, .conditional: 0
        case .int: 2
        case .list: 1
        case .string, .name: 1 + (Int(words[index]) + 3) / 4
        case .call: 2 + (Int(words[index]) + 3) / 4
        }
    }

    /// Each node's header and payload words, without its offsets: the tree alone.
    private struct TreeWords: IteratorProtocol {
        let shape: SyntaxShape
        var index = 0
        /// Where the current node's payload ends.
        var end = 0

        mutating func next() -> UInt32? {
            if index == end {
                guard index < shape.words.count else { return nil }
                let header = shape.words[index]
                index += 3
                end = index + shape.payloadCount(header, at: index)
                return header
            }
            defer { index += 1 }
            return shape.words[index]
        }
    }

    package static func == (lhs: SyntaxShape, rhs: SyntaxShape) -> Bool {
        var left = TreeWords(shape: lhs), right = TreeWords(shape: rhs)
        while true {
            let l = left.next(), r = right.next()
            if l != r { return false }
            if l == nil { return true }
        }
    }

    package func hash(into hasher: inout Hasher) {
        var tree = TreeWords(shape: self)
        while let word = tree.next() { hasher.combine(word) }
    }
}

extension SyntaxShape {
    /// Packs a tree node by node, children before their parent: the parser adds each node
    /// as it completes it, so the tree is packed without walking it again.
    package struct Builder {
        private var words: [UInt32] = []

        /// Room for `capacity` words (a text of `n` bytes packs into fewer than `n + 8`).
        package init(capacity: Int) {
            words.reserveCapacity(capacity)
        }

        /// The tree added so far (complete once its root is added), in an array of exactly
        /// its size: a policy keeps one per expression for its whole life.
        package var shape: SyntaxShape { SyntaxShape(words: words.exactlySized()) }

        private mutating func header(_ tag: Tag, op: UInt32 = 0, _ start: Int, _ end: Int) {
            words.append(tag.rawValue | op << 8)
            words.append(UInt32(truncatingIfNeeded: start))
            words.append(UInt32(truncatingIfNeeded: end))
        }

        /// The length of `text` in bytes, then its UTF-8 bytes, four to a word (the last
        /// one padded with zeros), copied as they are in memory: they are read back so.
        private mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
            words.append(UInt32(truncatingIfNeeded: text.count))
            let count = (text.count + 3) / 4
            guard count > 0 else { return }
            let first = words.count
            words.append(contentsOf: repeatElement(0, count: count))
            words.withUnsafeMutableBufferPointer { buffer in
                UnsafeMutableRawPointer(buffer.baseAddress! + first).copyMemory(from: text.baseAddress!,
                                                                                byteCount: text.count)
            }
        }

        private mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { append($0) }
        }

        /// `null`, `true`, `false`, an int or a string, at scalar offsets `start..<end`.
        package mutating func literal(_ value: LiteralValue, _ start: Int, _ end: Int) {
            switch value {
            case .null: header(.null, start, end)
            case .bool(let b): header(b ? .true : .false, start, end)
            case .int(let n):
                header(.int, start, end)
                let bits = UInt64(bitPattern: Int64(n))
                words.append(UInt32(truncatingIfNeeded: bits))
                words.append(UInt32(truncatingIfNeeded: bits >> 32))
            case .string(let text):
                header(.string, start, end)
                append(text)
            }
        }

        /// A name spelled by the UTF-8 bytes `spelling`.
        package mutating func name(_ spelling: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            header(.name, start, end)
            append(spelling)
        }

        /// A prefix operator applied to the node added last.
        package mutating func unary(_ op: UnaryOperator, _ start: Int, _ end: Int) {
            header(.unary, op: op.code, start, end)
        }

        /// An infix operator applied to the two nodes added last.
        package mutating func binary(_ op: BinaryOperator, _ start: Int, _ end: Int) {
            header(.binary, op: op.code, start, end)
        }

        /// `?:` of the three nodes added last.
        package mutating func conditional(_ start: Int, _ end: Int) {
            header(.conditional, start, end)
        }

        /// A list of the `count` nodes added last.
        package mutating func list(count: Int, _ start: Int, _ end: Int) {
            header(.list, start, end)
            words.append(UInt32(truncatingIfNeeded: count))
        }

        /// A call of the function spelled `spelling` on the `count` nodes added last.
        package mutating func call(_ spelling: UnsafeBufferPointer<UInt8>, count: Int, _ start: Int, _ end: Int) {
            header(.call, start, end)
            append(spelling)
            words.append(UInt32(truncatingIfNeeded: count))
        }

        /// Adds `syntax` and everything below it (for trees not built by the parser).
        package mutating func add(_ syntax: ExpressionSyntax, in source: EmbeddedText) {
            let start = source.scalarOffset(of: syntax.span.start), end = source.scalarOffset(of: syntax.span.end)
            switch syntax.kind {
            case .literal(let value): literal(value, start, end)
            case .name(var spelling):
                header(.name, start, end)
                spelling.withUTF8 { append($0) }
            case .list(let items):
                for item in items { add(item, in: source) }
                list(count: items.count, start, end)
            case .unary(let op, let operand):
                add(operand, in: source)
                unary(op, start, end)
            case .binary(let op, let lhs, let rhs):
                add(lhs, in: source)
                add(rhs, in: source)
                binary(op, start, end)
            case .conditional(let c, let t, let e):
                add(c, in: source)
                add(t, in: source)
                add(e, in: source)
                conditional(start, end)
            case .call(var name, let arguments):
                for argument in arguments { add(argument, in: source) }
                name.withUTF8 { call($0, count: arguments.count, start, end) }
            }
        }
    }
}

/// Node kinds: the low byte of a node's first word; the next byte is the operator.
private enum Tag: UInt32 {
    case null = 0, `false`, `true`, int, string, name, list, unary, binary, conditional, call
}

/// Operators as the byte after a node's kind.
private extension UnaryOperator {
    var code: UInt32 {
        switch self {
        case .not: 0
        case .negate: 1
        }
    }

    init(code: Int) { self = code == 0 ? .not : .negate }
}

private extension BinaryOperator {
    static let byCode: [BinaryOperator] = [.coalesce, .or, .and, .equal, .notEqual, .less, .lessOrEqual, .greater,
                                           .greaterOrEqual, .in, .add, .subtract, .multiply, .divide, .remainder]

    var code: UInt32 {
        switch self {
        case .coalesce: 0
        case .or: 1
        case .and: 2
        case .equal: 3
        case .notEqual: 4
        case .less: 5
        case .lessOrEqual: 6
        case .greater: 7
        case .greaterOrEqual: 8
        case .in: 9
        case .add: 10
        case .subtract: 11
        case .multiply: 12
        case .divide: 13
        case .remainder: 14
        }
    }
}

extension Array {
    /// The same elements in an array with no spare room: a copy when this one has some.
    /// For arrays kept for a policy's whole life, built by appending to a guessed capacity.
    func exactlySized() -> [Element] {
        guard capacity > count else { return self }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = buffer.initialize(from: self)
            initialized = count
        }
    }
}
