import Crypto
import Foundation
import Statute

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
    /// Why the file could not be read (gone, too large, not a regular file), when it could not.
    var problem: Diagnostic?

    /// The stamp of `path`, without reading it.
    static func stamp(of path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date,
              let size = (attributes[.size] as? NSNumber)?.intValue else { return nil }
        return Stamp(modified: modified, size: size)
    }

    /// Reads `path` (at most `limit` bytes) and digests what was read. The file is opened
    /// without waiting and read only when it is a regular file (a FIFO or device swapped in
    /// never blocks a reload); `followsLinks` is false for files found in a folder.
    static func read(_ path: String, limit: Int, followsLinks: Bool) -> FileSnapshot {
        let stamp = stamp(of: path)
        switch SourceReading.read(path, limit: limit, access: followsLinks ? .regularFile : .regularFileNoLinks) {
        case .success(let bytes): return FileSnapshot(stamp: stamp, bytes: bytes, digest: digest(bytes))
        case .failure(let problem): return FileSnapshot(stamp: stamp, problem: problem)
        }
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
