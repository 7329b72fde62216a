extension Array where Element == UInt8 {
    /// Appends a literal's UTF-8 bytes in one copy. Appending a `String.UTF8View` goes
    /// through the generic sequence path, which cost an answer's writers a tenth of
    /// their instructions when measured.
    ///
    /// Through `withUTF8Buffer`: a one-character literal may be held as a scalar, without
    /// a pointer to its bytes.
    @inlinable
    package mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }
}
