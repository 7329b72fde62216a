/// A fact or setting declaration's checks, held without references: reading a record
/// checks each given value, and a `ValueDeclaration` read out of an array is a copy that
/// retains and releases each of its fields (measured: the largest part of a record's
/// reading after the JSON parse).
package struct ValueCheck: Sendable {
    /// The declared type.
    package let type: ValueType
    private let min: Int?
    private let max: Int?
    private let hasAllowedValues: Bool

    init(_ declaration: ValueDeclaration) {
        type = declaration.type.value
        min = declaration.min?.value
        max = declaration.max?.value
        hasAllowedValues = declaration.allowedValues != nil
    }

    /// `true` when `value` certainly fits the declaration; `false` when the declaration
    /// must be asked (``ValueDeclaration/violation(of:)`` names the problem, or finds none
    /// for a string among its allowed values).
    package func passes(_ value: Value) -> Bool {
        if value.isNull { return type.isOptional }
        guard value.fits(type) else { return false }
        if case .int(let number) = value {
            if let min, number < min { return false }
            if let max, number > max { return false }
        }
        if hasAllowedValues, case .string = value { return false }
        return true
    }
}
