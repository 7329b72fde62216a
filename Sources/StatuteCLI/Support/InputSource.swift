#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The input of `statute run`: a file (any kind a path names, a FIFO from `<(…)`
/// included) or stdin, read with `read(2)` so that a read returns what is available
/// rather than waiting for a whole block — what a co-process on a pipe needs.
final class InputSource {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Whether the input is a regular file (rather than a pipe, a FIFO or a terminal).
    let isRegularFile: Bool
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)

    /// Opens `path`, or stdin for `nil` or `-`.
    init(path: String?) throws(ReadError) {
        guard let path, path != "-" else {
            descriptor = 0
            ownsDescriptor = false
            var info = stat()
            isRegularFile = fstat(0, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            throw ReadError(description: "cannot read the input `\(path)`: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(opened)
            throw ReadError(description: "cannot read the input `\(path)`: it is a folder")
        }
        descriptor = opened
        ownsDescriptor = true
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The next bytes available; empty at the end of the input.
    func read() throws(ReadError) -> ArraySlice<UInt8> {
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(descriptor, raw.baseAddress!, raw.count)
            }
            if count >= 0 { return buffer[0..<count] }
            if errno == EINTR { continue }
            throw ReadError(description: "cannot read the input: \(String(cString: strerror(errno)))")
        }
    }

    func close() {
        if ownsDescriptor { _ = Glibc.close(descriptor) }
    }
}
