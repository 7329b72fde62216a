import Crypto
import Foundation

/// A policy file's bytes and what identifies them: `sha256:` and the hex SHA-256 (docs/service.md),
/// and the modification time and size used to notice changes cheaply.
struct FileSnapshot: Sendable, Equatable {
    /// Modification time and size; `nil` when the file cannot be read.
    struct Stamp: Sendable, Equatable {
        var modified: Date
        var size: Int
    }

    var stamp: Stamp?
    var bytes: [UInt8]?
    var digest: String?

    /// The stamp of `path`, without reading it.
    static func stamp(of path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date,
              let size = (attributes[.size] as? NSNumber)?.intValue else { return nil }
        return Stamp(modified: modified, size: size)
    }

    /// Reads `path` (at most `limit` + 1 bytes) and digests what was read.
    static func read(_ path: String, limit: Int) -> FileSnapshot {
        let stamp = stamp(of: path)
        guard let handle = FileHandle(forReadingAtPath: path) else { return FileSnapshot(stamp: stamp) }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit + 1) else { return FileSnapshot(stamp: stamp) }
        let bytes = [UInt8](data)
        return FileSnapshot(stamp: stamp, bytes: bytes, digest: digest(bytes))
    }

    /// `sha256:` followed by the lowercase hex SHA-256 of `bytes`.
    static func digest(_ bytes: [UInt8]) -> String {
        let hex = SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }
        return "sha256:" + hex.joined()
    }
}
