/// A value together with the span of source it was read from.
///
/// Equality compares the value *and* the span; compare `.value` when only the value matters.
package struct Located<Wrapped: Hashable & Sendable>: Hashable, Sendable {
    /// The value read.
    package var value: Wrapped
    /// Where in the source the value was written.
    package var span: SourceSpan

    /// Wraps a value with the span it was read from.
    package init(_ value: Wrapped, at span: SourceSpan) {
        self.value = value
        self.span = span
    }
}

extension Located where Wrapped == String {
    /// A located string. Not generic, so that a reader in another module (the loader makes
    /// one for every name it reads) makes one without looking up generic metadata.
    package init(string value: String, at span: SourceSpan) {
        self.value = value
        self.span = span
    }
}

extension Located where Wrapped == FromItem {
    /// A located `from:` item, without generic metadata look-ups (see ``init(string:at:)``).
    package init(fromItem value: FromItem, at span: SourceSpan) {
        self.value = value
        self.span = span
    }
}

extension Located where Wrapped == TransitionMode {
    /// A located mode, without generic metadata look-ups (see ``init(string:at:)``).
    package init(mode value: TransitionMode, at span: SourceSpan) {
        self.value = value
        self.span = span
    }
}
