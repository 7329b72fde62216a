/// An expression's syntax tree packed into one array of words: what a compiled expression
/// keeps of its tree for analysis, docs and warnings.
///
/// A tree of ``ExpressionSyntax`` is one heap object per node with a ``SourceSpan`` each;
/// a policy of 2,000 statuses kept some 150,000 of them (about a quarter of its heap) for
/// its whole life. A shape is the same tree in preorder, one word per node plus its
/// payload (names and strings as UTF-8 bytes, four to a word), with each node's text as
/// scalar offsets into the expression's text, so it fits any ``EmbeddedText`` of the same
/// text: an expression written twice shares one shape. One allocation per expression.
///
/// Equality and hashing compare the tree only, as ``ExpressionSyntax`` does: two shapes are
/// equal exactly when their trees are (same canonical text), whatever their offsets.
package struct SyntaxShape: Hashable, Sendable {
    /// `words[0]` is the number of words that describe the tree (`n`); `words[1...n]` are
    /// those words in preorder; after them, two scalar offsets (start, end) per node, in
    /// the same order.
    private let words: [UInt32]

    /// Packs `syntax`, whose spans lie in `source`.
    package init(_ syntax: ExpressionSyntax, in source: EmbeddedText) {
        // Counted first, so the words are written once into an array of their exact size.
        var size = (words: 0, nodes: 0)
        Self.count(syntax, into: &size)
        let treeCount = size.words
        self.words = [UInt32](unsafeUninitializedCapacity: 1 + treeCount + 2 * size.nodes) { buffer, initialized in
            buffer[0] = UInt32(treeCount)
            var encoder = Encoder(source: source, buffer: buffer, offset: 1 + treeCount)
            encoder.encode(syntax)
            initialized = buffer.count
        }
    }

    /// The words a string packs into: its length, then its UTF-8 bytes.
    private static func words(for text: String) -> Int { 1 + (text.utf8.count + 3) / 4 }

    /// The words and nodes `syntax` packs into.
    private static func count(_ syntax: ExpressionSyntax, into size: inout (words: Int, nodes: Int)) {
        size.words += 1
        size.nodes += 1
        switch syntax.kind {
        case .literal(.int): size.words += 2
        case .literal(.string(let text)), .name(let text): size.words += words(for: text)
        case .literal: break
        case .list(let items):
            size.words += 1
            for item in items { count(item, into: &size) }
        case .unary(_, let operand): count(operand, into: &size)
        case .binary(_, let lhs, let rhs):
            count(lhs, into: &size)
            count(rhs, into: &size)
        case .conditional(let c, let t, let e):
            count(c, into: &size)
            count(t, into: &size)
            count(e, into: &size)
        case .call(let name, let arguments):
            size.words += 1 + words(for: name)
            for argument in arguments { count(argument, into: &size) }
        }
    }

    /// The tree, with spans in `source` (an expression of the same text as the one packed).
    package func syntax(in source: EmbeddedText) -> ExpressionSyntax {
        var decoder = Decoder(words: words, source: source)
        return decoder.decode()
    }

    package static func == (lhs: SyntaxShape, rhs: SyntaxShape) -> Bool {
        lhs.treeWords.elementsEqual(rhs.treeWords)
    }

    package func hash(into hasher: inout Hasher) {
        for word in treeWords { hasher.combine(word) }
    }

    private var treeWords: ArraySlice<UInt32> { words[0...Int(words[0])] }
}

/// Node tags: the low byte of a node's word; the next byte is the operator. An int literal
/// is followed by two words with its bits; a name or a string by its packed text; a list by
/// the number of its items; a call by its name's packed text and number of arguments.
private enum Tag: UInt32 {
    case null = 0, `false`, `true`, int, string, name, list, unary, binary, conditional, call
}

/// Writes a tree's words from index 1 of `buffer`, and its nodes' offsets from `offset`.
private struct Encoder {
    let source: EmbeddedText
    let buffer: UnsafeMutableBufferPointer<UInt32>
    var word = 1
    var offset: Int

    init(source: EmbeddedText, buffer: UnsafeMutableBufferPointer<UInt32>, offset: Int) {
        self.source = source
        self.buffer = buffer
        self.offset = offset
    }

    mutating func append(_ value: UInt32) {
        buffer[word] = value
        word += 1
    }

    mutating func node(_ tag: Tag, op: UInt32 = 0, span: SourceSpan) {
        append(tag.rawValue | op << 8)
        buffer[offset] = UInt32(truncatingIfNeeded: source.scalarOffset(of: span.start))
        buffer[offset + 1] = UInt32(truncatingIfNeeded: source.scalarOffset(of: span.end))
        offset += 2
    }

    /// The length of `text` in bytes, then its UTF-8 bytes, four to a word (the last one
    /// padded with zeros), copied as they are in memory: they are read back the same way.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            append(UInt32(truncatingIfNeeded: utf8.count))
            let count = (utf8.count + 3) / 4
            guard count > 0, let base = buffer.baseAddress else { return }
            buffer[word + count - 1] = 0  // the padding
            UnsafeMutableRawPointer(base + word).copyMemory(from: utf8.baseAddress!, byteCount: utf8.count)
            word += count
        }
    }

    mutating func encode(_ syntax: ExpressionSyntax) {
        switch syntax.kind {
        case .literal(.null): node(.null, span: syntax.span)
        case .literal(.bool(let value)): node(value ? .true : .false, span: syntax.span)
        case .literal(.int(let value)):
            node(.int, span: syntax.span)
            let bits = UInt64(bitPattern: Int64(value))
            append(UInt32(truncatingIfNeeded: bits))
            append(UInt32(truncatingIfNeeded: bits >> 32))
        case .literal(.string(let value)):
            node(.string, span: syntax.span)
            append(value)
        case .name(let name):
            node(.name, span: syntax.span)
            append(name)
        case .list(let items):
            node(.list, span: syntax.span)
            append(UInt32(truncatingIfNeeded: items.count))
            for item in items { encode(item) }
        case .unary(let op, let operand):
            node(.unary, op: op.code, span: syntax.span)
            encode(operand)
        case .binary(let op, let lhs, let rhs):
            node(.binary, op: op.code, span: syntax.span)
            encode(lhs)
            encode(rhs)
        case .conditional(let c, let t, let e):
            node(.conditional, span: syntax.span)
            encode(c)
            encode(t)
            encode(e)
        case .call(let name, let arguments):
            node(.call, span: syntax.span)
            append(name)
            append(UInt32(truncatingIfNeeded: arguments.count))
            for argument in arguments { encode(argument) }
        }
    }
}

/// Operators as the byte after a node's tag.
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

private struct Decoder {
    let words: [UInt32]
    let source: EmbeddedText
    /// The next tree word, and the next node (for its offsets).
    var word = 1, node = 0
    let offsetBase: Int

    init(words: [UInt32], source: EmbeddedText) {
        self.words = words
        self.source = source
        self.offsetBase = Int(words[0]) + 1
    }

    /// A string packed by `Encoder.append(_:)`.
    mutating func nextString() -> String {
        let count = Int(words[word])
        let first = word + 1
        word = first + (count + 3) / 4
        return words.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress.map { $0 + first }, count: count),
                   as: UTF8.self)
        }
    }

    /// A list's items or a call's arguments: their count, then each.
    mutating func decodeItems() -> [ExpressionSyntax] {
        let count = Int(words[word])
        word += 1
        var items: [ExpressionSyntax] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(decode()) }
        return items
    }

    mutating func decode() -> ExpressionSyntax {
        let header = words[word]
        word += 1
        let start = Int(words[offsetBase + 2 * node]), end = Int(words[offsetBase + 2 * node + 1])
        node += 1
        let span = source.span(scalarOffsets: start..<max(start, end))
        let op = Int(header >> 8 & 0xFF)
        let kind: ExpressionSyntax.Kind
        switch Tag(rawValue: header & 0xFF)! {
        case .null: kind = .literal(.null)
        case .false: kind = .literal(.bool(false))
        case .true: kind = .literal(.bool(true))
        case .int:
            let bits = UInt64(words[word]) | UInt64(words[word + 1]) << 32
            word += 2
            kind = .literal(.int(Int(Int64(bitPattern: bits))))
        case .string: kind = .literal(.string(nextString()))
        case .name: kind = .name(nextString())
        case .list: kind = .list(decodeItems())
        case .unary: kind = .unary(UnaryOperator(code: op), decode())
        case .binary:
            let op = BinaryOperator.byCode[op]
            let lhs = decode()
            kind = .binary(op, lhs, decode())
        case .conditional:
            let c = decode(), t = decode()
            kind = .conditional(c, t, decode())
        case .call:
            let name = nextString()
            kind = .call(name, decodeItems())
        }
        return ExpressionSyntax(kind, span: span)
    }
}
