#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import StatuteCore

/// One node of a document as the reader stores it: a trivial record, so the whole
/// document is one array and reading it retains and allocates nothing per node.
///
/// Records are in document order (pre-order): a collection's children follow it, each
/// child's subtree before the next child, and the collection records where its subtree
/// ends. An alias is a record of its own (with the alias's span) naming its anchor's record.
struct NodeRecord {
    enum Kind: UInt8 { case scalar, sequence, mapping, alias }

    var kind: Kind
    var style: YAMLScalarStyle
    /// A mapping key whose entry is not kept (a duplicate or a complex key): the entry
    /// (this key and the value after it) is skipped when the mapping is read.
    var dropped = false
    var start: SourceLocation
    var end: SourceLocation
    /// A scalar: where its value starts in ``YAMLNodeStore/values``. A collection: the
    /// index just past its subtree. An alias: its anchor's record.
    var first: Int32
    /// A scalar: where its value ends. A collection: how many items (or kept entries) it has.
    var second: Int32
}

/// A read document: its node records, the bytes of every scalar's value, and the file's
/// text, from which a scalar's per-character positions are worked out when asked.
///
/// Immutable once built, and shared by every ``YAMLNode`` of the document.
package final class YAMLNodeStore: Sendable {
    let file: String
    let source: SourceText
    let records: [NodeRecord]
    let values: [UInt8]

    init(file: String, source: SourceText, records: [NodeRecord], values: [UInt8]) {
        self.file = file
        self.source = source
        self.records = records
        self.values = values
    }

    /// The record an alias stands for (the record itself for any other node).
    @inline(__always)
    func target(_ index: Int) -> Int {
        let record = records[index]
        return record.kind == .alias ? Int(record.first) : index
    }

    /// The index just past the subtree of the node at `index`.
    @inline(__always)
    func next(_ index: Int) -> Int {
        let record = records[index]
        switch record.kind {
        case .sequence, .mapping: return Int(record.first)
        case .scalar, .alias: return index + 1
        }
    }

    /// The value of the scalar record at `index` (not an alias).
    func value(_ index: Int) -> String {
        let record = records[index]
        let range = Int(record.first)..<Int(record.second)
        if range.isEmpty { return "" }
        return values.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Whether the scalar record at `index` (not an alias) has exactly `text` as its value.
    func value(_ index: Int, equals text: String) -> Bool {
        let record = records[index]
        let range = Int(record.first)..<Int(record.second)
        var text = text
        return text.withUTF8 { wanted in
            values.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[range])
                if bytes.count == wanted.count && (bytes.isEmpty || memcmp(bytes.baseAddress!, wanted.baseAddress!, bytes.count) == 0) {
                    return true
                }
                // Strings compare by canonical equivalence: only non-ASCII text can be equal
                // with different bytes.
                if bytes.allSatisfy({ $0 < 0x80 }) && wanted.allSatisfy({ $0 < 0x80 }) { return false }
                return String(decoding: bytes, as: UTF8.self) == String(decoding: wanted, as: UTF8.self)
            }
        }
    }

    /// Whether the scalar records at `a` and `b` (not aliases) have equal values.
    func values(_ a: Int, _ b: Int) -> Bool {
        let ra = records[a], rb = records[b]
        let first = Int(ra.first)..<Int(ra.second), second = Int(rb.first)..<Int(rb.second)
        return values.withUnsafeBufferPointer { all in
            let x = UnsafeBufferPointer(rebasing: all[first]), y = UnsafeBufferPointer(rebasing: all[second])
            if x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) { return true }
            if x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) { return false }
            return String(decoding: x, as: UTF8.self) == String(decoding: y, as: UTF8.self)
        }
    }

    /// The per-character positions of the scalar record at `index` (not an alias).
    func embeddedText(_ index: Int, value: String) -> EmbeddedText {
        let record = records[index]
        return ScalarLocator.embeddedText(value: value, style: record.style, start: Mark(record.start),
                                          end: Mark(record.end), source: source)
    }
}

extension Mark {
    /// The mark of a 1-based location.
    init(_ location: SourceLocation) {
        self.init(line: location.line - 1, column: location.column - 1)
    }
}
