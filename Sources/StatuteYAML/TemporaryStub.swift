// TEMPORARY: replaced by the real reader on merge of branch `yaml`.
import StatuteCore
public struct YAMLLimits: Hashable, Sendable {
    public var maxFileBytes: Int = 4 * 1024 * 1024
    public var maxDepth: Int = 64
    public var maxNodes: Int = 10_000
    public init() {}
}
public struct YAMLReadResult: Sendable {
    public let root: YAMLNode?
    public let diagnostics: [Diagnostic]
}
public enum YAMLReader {
    public static func read(bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()) -> YAMLReadResult {
        YAMLReadResult(root: nil, diagnostics: [])
    }
    public static func read(text: String, file: String, limits: YAMLLimits = YAMLLimits()) -> YAMLReadResult {
        read(bytes: Array(text.utf8), file: file, limits: limits)
    }
}
