import Statute
import StatuteSynthetic

/// A generated policy of `statuses` statuses, as bytes, and the ways of reading it that
/// the benchmarks compare.
public struct SyntheticLoad: Sendable {
    public let statuses: Int
    public let bytes: [UInt8]

    public init(statuses: Int) {
        self.statuses = statuses
        self.bytes = Array(SyntheticPolicy.yaml(statuses: statuses).utf8)
    }

    /// libyaml's raw event scan; the number of events.
    public func scan() -> Int { LibYAMLScan.countEvents(bytes) ?? -1 }

    /// Read, check and compile; with `analyze`, the static analysis too (what `statute
    /// check` does). Returns whether the policy compiled without errors.
    public func load(analyze: Bool) -> LoadedPolicy {
        PolicyLoader.load(bytes: bytes, file: "synthetic-\(statuses).yaml", options: LoadOptions(analyze: analyze))
    }
}
