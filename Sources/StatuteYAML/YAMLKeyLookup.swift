/// A mapping's entries found by a fixed list of keys, without a dictionary or an array:
/// slot `i` holds the entry whose key is the list's `i`-th key.
///
/// Policy mappings have a handful of known keys, so each key of the file is matched
/// against the list by length and bytes, once.
package struct YAMLKeyedEntries: Sendable {
    /// The most keys a list has slots for; later keys are searched in the mapping.
    package static let slotCount = 16

    let mapping: YAMLNode
    let keys: [String]
    /// The key record of each slot's entry, or -1.
    private var slots: InlineArray<16, Int32>

    init(mapping: YAMLNode, keys: [String]) {
        self.mapping = mapping
        self.keys = keys
        self.slots = InlineArray(repeating: -1)
    }

    /// The key and value nodes of the entry whose key is `keys[slot]`, if present.
    package func entry(_ slot: Int) -> YAMLMappingEntry? {
        guard slot < Self.slotCount else {
            let key = keys[slot]
            return mapping.entries?.first { $0.key.scalarEquals(key) }
        }
        let key = Int(slots[slot])
        guard key >= 0 else { return nil }
        let store = mapping.store
        return YAMLMappingEntry(key: YAMLNode(store: store, index: key), value: YAMLNode(store: store, index: store.next(key)))
    }

    /// The value node of the entry whose key is `keys[slot]`, if present.
    package subscript(slot: Int) -> YAMLNode? {
        guard slot < Self.slotCount else { return entry(slot)?.value }
        let key = Int(slots[slot])
        guard key >= 0 else { return nil }
        return YAMLNode(store: mapping.store, index: mapping.store.next(key))
    }

    fileprivate mutating func set(_ slot: Int, key: Int) {
        if slot < Self.slotCount { slots[slot] = Int32(truncatingIfNeeded: key) }
    }
}

extension YAMLNode {
    /// Finds each of `keys` among this mapping's entries; calls `unknown` for each entry,
    /// in file order, whose key is none of them. `nil` when the node is not a mapping.
    package func lookUp(_ keys: [String], unknown: (YAMLMappingEntry) -> Void) -> YAMLKeyedEntries? {
        guard let entries else { return nil }
        var found = YAMLKeyedEntries(mapping: self, keys: keys)
        for entry in entries {
            let at = store.target(entry.key.index)
            let record = store.records[at]
            let length = Int(record.second - record.first)
            var slot = -1
            if record.kind == .scalar {
                for (index, key) in keys.enumerated() where key.utf8.count == length && store.value(at, equals: key) {
                    slot = index
                    break
                }
                if slot < 0, store.values[Int(record.first)..<Int(record.second)].contains(where: { $0 >= 0x80 }) {
                    // Text that is not ASCII may still be equal, as strings compare, with other bytes.
                    let value = store.value(at)
                    slot = keys.firstIndex(of: value) ?? -1
                }
            }
            if slot >= 0 {
                found.set(slot, key: entry.key.index)
            } else {
                unknown(entry)
            }
        }
        return found
    }
}
