/// Whether a request target is a `run` route (its path, before any query, ends in `/run`),
/// read as UTF-8 bytes: every request asks, and walking the target by `Character`
/// cost more than the engine's whole evaluation of a record.
enum RunPath {
    /// `true` for `…/run` and `…/run?…`.
    static func matches(_ target: String) -> Bool {
        var target = target
        return target.withUTF8 { bytes in
            let end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
            let suffix = "/run".utf8
            guard end >= suffix.count else { return false }
            return bytes[(end - suffix.count)..<end].elementsEqual(suffix)
        }
    }
}
