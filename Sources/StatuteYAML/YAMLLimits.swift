/// The limits the reader enforces on one file (docs/reliability.md).
///
/// Each limit is checked while reading, before the work it guards is done, so that a
/// hostile file is rejected quickly and with little memory.
package struct YAMLLimits: Hashable, Sendable {
    /// The largest file, in bytes, that is handed to libyaml.
    package var maxFileBytes: Int = 4 * 1024 * 1024
    /// How deeply collections (mappings and lists) may nest; a top-level mapping is depth 1.
    package var maxDepth: Int = 64
    /// How many nodes the aliases of a document may stand for, added up (each alias counts
    /// as the nodes of the subtree it repeats). Nodes written out in the file count only
    /// against ``maxFileBytes``.
    package var maxNodes: Int = 10_000

    /// Creates limits; the defaults are docs/reliability.md's: 4 MiB, nesting 64, 10,000 nodes.
    package init(maxFileBytes: Int = 4 * 1024 * 1024, maxDepth: Int = 64, maxNodes: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }
}
