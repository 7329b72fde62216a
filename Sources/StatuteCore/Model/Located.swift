/// A value together with the span of source it was read from.
///
/// Equality compares the value *and* the span; compare `.value` when only the value matters.
public struct Located<Wrapped: Hashable & Sendable>: Hashable, Sendable {
    public var value: Wrapped
    public var span: SourceSpan

    public init(_ value: Wrapped, at span: SourceSpan) {
        self.value = value
        self.span = span
    }
}
