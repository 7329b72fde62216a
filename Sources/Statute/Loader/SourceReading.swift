import Foundation
import StatuteCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which kinds of file a path may name when it is opened (docs/reliability.md).
package struct FileAccess: Hashable, Sendable {
    /// Whether a FIFO, a character device or a socket is read (waiting for its writer) rather than refused.
    package var readsStreams: Bool
    /// Whether a symbolic link is followed rather than refused.
    package var followsLinks: Bool

    /// A regular file, through symbolic links: what the library and the service read by default.
    package static let regularFile = FileAccess(readsStreams: false, followsLinks: true)
    /// A regular file that is not a symbolic link: a file found by walking a folder.
    package static let regularFileNoLinks = FileAccess(readsStreams: false, followsLinks: false)
    /// Any file a person named on the command line, `<(cat p.yaml)` included.
    package static let namedByUser = FileAccess(readsStreams: true, followsLinks: true)
}

/// Reads source files with a size limit, turning failures into diagnostics. A path is
/// opened without waiting (`O_NONBLOCK`), checked with `fstat` and read only when it is a
/// regular file, or a stream that `access` allows: a FIFO swapped in for a policy never
/// blocks a reader that did not ask for one.
package enum SourceReading {
    package static func read(_ path: String, limit: Int, access: FileAccess = .namedByUser) -> Result<[UInt8], Diagnostic> {
        let start = SourceSpan(file: path, at: SourceLocation(line: 1, column: 1))
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        if !access.followsLinks { flags |= O_NOFOLLOW }
        let fd = open(path, flags)
        guard fd >= 0 else { return .failure(openFailure(path, errno: errno, access: access)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.error(.unreadableFile, "cannot read `\(path)`", at: nil)) }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            return .failure(.error(.unreadableFile, "`\(path)` is a folder, not a file", at: nil))
        }
        if kind != S_IFREG {
            guard access.readsStreams, kind == S_IFIFO || kind == S_IFCHR || kind == S_IFSOCK else {
                return .failure(.error(.unreadableFile, "`\(path)` is not a regular file (\(describe(kind))), so it is not read",
                                       at: nil, help: "a policy or input file must be a regular file"))
            }
            // A stream the user named: wait for its writer, as they asked.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        }
        // Read one byte past the limit, so an oversized file is never read whole.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, wanted) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { return .failure(.error(.unreadableFile, "cannot read `\(path)`", at: nil)) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        if bytes.count > limit {
            return .failure(.error("file-too-large", "file is larger than the limit of \(limit) bytes", at: start,
                                   help: "policy and input files are limited to \(limit / 1024 / 1024) MiB"))
        }
        return .success(bytes)
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    private static func openFailure(_ path: String, errno code: Int32, access: FileAccess) -> Diagnostic {
        switch code {
        case ENOENT: return .error(.unreadableFile, "no such file `\(path)`", at: nil)
        case ELOOP where !access.followsLinks:
            return .error(.unreadableFile, "`\(path)` is a symbolic link, which is not followed here", at: nil,
                          help: "files found in a folder are read only when they are regular files; name the target instead")
        case EISDIR: return .error(.unreadableFile, "`\(path)` is a folder, not a file", at: nil)
        default: return .error(.unreadableFile, "cannot read `\(path)`", at: nil)
        }
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
