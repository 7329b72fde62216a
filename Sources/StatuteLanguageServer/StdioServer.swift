#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Runs the language server over standard input and output: frames read from stdin,
/// messages written to stdout (nothing else is ever written there).
package enum StdioServer {
    /// Serves until `exit` or the end of input; returns the exit status (0 after `shutdown`).
    package static func run() -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let output = OutputLock()
        let server = LanguageServer { message in
            let bytes = framed(message)
            output.mutex.withLock { _ in writeAll(bytes, to: STDOUT_FILENO) }
        }
        var reader = FrameReader {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count > 0 { return Array(chunk[0..<count]) }
                if count < 0, errno == EINTR { continue }
                return nil
            }
        }
        while true {
            let frame = reader.next()
            // The input ended without `exit`: as `exit` would, 0 only after `shutdown`.
            if frame == .end { return server.receive(.message(Array(#"{"jsonrpc":"2.0","method":"exit"}"#.utf8))) ?? 1 }
            if let status = server.receive(frame) { return status }
        }
    }

    /// Keeps whole messages from interleaving on stdout.
    private final class OutputLock: Sendable {
        let mutex = Mutex(())
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return  // the client went away; `read` will see the end of input
                }
            }
        }
    }
}
