/// The expressions of one policy already compiled, by text and purpose, so that an
/// expression written many times (a guard repeated on many transitions) is parsed,
/// checked and flattened once.
///
/// A later occurrence shares the first one's type, reads, program and packed tree
/// (``SyntaxShape``, whose offsets are into the text, so its
/// ``CompiledExpression/syntax`` has the spans of its own text). Only expressions that
/// compiled without a diagnostic are kept, so every diagnostic is still reported where its
/// own text is. Used by one compilation, then dropped.
final class ExpressionCache {
    private struct Key: Hashable {
        let text: String
        let purpose: ExpressionPurpose
        /// FNV-1a of the text's UTF-8 bytes, worked out once: the dictionary hashes a key
        /// again each time it grows, and `String`'s own hashing (SipHash over normalized
        /// text) cost more than compiling many a short expression.
        let digest: Int

        init(text: String, purpose: ExpressionPurpose) {
            self.text = text
            self.purpose = purpose
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var copy = text
            copy.withUTF8 { bytes in
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
            self.digest = Int(truncatingIfNeeded: hash)
        }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.digest == rhs.digest && lhs.text == rhs.text && lhs.purpose == rhs.purpose
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest)
        }
    }

    private var entries: [Key: CompiledExpression] = [:]

    init() {}

    /// `source` compiled for `purpose` in `environment`, as
    /// ``ExpressionEnvironment/compile(_:for:)`` compiles it.
    func compile(_ source: EmbeddedText, for purpose: ExpressionPurpose,
                 in environment: ExpressionEnvironment) -> (CompiledExpression?, [Diagnostic]) {
        let key = Key(text: source.text, purpose: purpose)
        if let first = entries[key] {
            return (CompiledExpression(sharing: first, source: source), [])
        }
        let (compiled, diagnostics) = environment.compile(source, for: purpose)
        if let compiled, diagnostics.isEmpty {
            entries[key] = compiled
        }
        return (compiled, diagnostics)
    }
}
