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

    /// Whether the entry whose key is `keys[slot]` is present (`false` for a negative slot).
    package func contains(_ slot: Int) -> Bool {
        guard slot >= 0 else { return false }
        guard slot < Self.slotCount else { return entry(slot) != nil }
        return slots[slot] >= 0
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

/// A fixed list of mapping keys with their UTF-8 bytes laid out once, so that a file's
/// keys are matched against the list by length and bytes without touching a `String`.
///
/// Made once per list (a `static let`), then used for every mapping read with it.
package struct YAMLKeyTable: Sendable {
    /// The keys, in slot order.
    package let keys: [String]
    /// Every key's UTF-8 bytes, one after the other.
    private let bytes: [UInt8]
    /// Where each key's bytes start in ``bytes``; one more element than ``keys``, the end.
    private let starts: [Int]

    /// A table of `keys`, in this order.
    package init(_ keys: [String]) {
        self.keys = keys
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        for key in keys {
            bytes.append(contentsOf: key.utf8)
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
    }

    /// The slot of the key whose bytes are exactly `value`, or -1.
    func slot(ofBytes value: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { all in
            starts.withUnsafeBufferPointer { starts in
                let count = value.count
                for slot in 0..<(starts.count - 1) where starts[slot + 1] - starts[slot] == count {
                    let start = starts[slot]
                    var equal = true
                    var offset = 0
                    while offset < count {
                        if all[start + offset] != value[offset] {
                            equal = false
                            break
                        }
                        offset += 1
                    }
                    if equal { return slot }
                }
                return -1
            }
        }
    }
}

extension YAMLNode {
    /// Finds each of `keys` among this mapping's entries; calls `unknown` for each entry,
    /// in file order, whose key is none of them. `nil` when the node is not a mapping.
    package func lookUp(_ keys: [String], unknown: (YAMLMappingEntry) -> Void) -> YAMLKeyedEntries? {
        lookUp(YAMLKeyTable(keys), unknown: unknown)
    }

    /// Finds each key of `table` among this mapping's entries; calls `unknown` for each
    /// entry, in file order, whose key is none of them. `nil` when the node is not a mapping.
    package func lookUp(_ table: YAMLKeyTable, unknown: (YAMLMappingEntry) -> Void) -> YAMLKeyedEntries? {
        let at = store.target(index)
        let record = store.records[at]
        guard record.kind == .mapping else { return nil }
        var found = YAMLKeyedEntries(mapping: self, keys: table.keys)
        let end = Int(record.first)
        var position = at + 1
        while position < end {
            let key = position
            let value = store.next(key)
            guard value < end else { break }
            position = store.next(value)
            let keyRecord = store.records[key]
            if keyRecord.dropped { continue }
            let content = keyRecord.kind == .alias ? store.records[Int(keyRecord.first)] : keyRecord
            let keyAt = keyRecord.kind == .alias ? Int(keyRecord.first) : key
            var slot = -1
            if content.kind == .scalar {
                let range = Int(content.first)..<Int(content.second)
                var isASCII = true
                store.values.withUnsafeBufferPointer { all in
                    let bytes = UnsafeBufferPointer(rebasing: all[range])
                    slot = table.slot(ofBytes: bytes)
                    if slot < 0 { isASCII = !bytes.contains { $0 >= 0x80 } }
                }
                if slot < 0, !isASCII {
                    // Text that is not ASCII may still be equal, as strings compare, with other bytes.
                    slot = table.keys.firstIndex(of: store.value(keyAt)) ?? -1
                }
            }
            if slot >= 0 {
                found.set(slot, key: key)
            } else {
                unknown(YAMLMappingEntry(key: YAMLNode(store: store, index: key), value: YAMLNode(store: store, index: value)))
            }
        }
        return found
    }
}
