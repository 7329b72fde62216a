import Foundation

/// `deliver --exec CMD`: runs CMD with `/bin/sh -c`, the entry's JSON on its stdin and
/// `STATUTE_IDEMPOTENCY_KEY`, `STATUTE_EFFECT` and `STATUTE_RECORD` in its environment.
/// Exit status 0 means delivered; anything else (or being killed, or not starting) is a
/// failed attempt whose message names the status and the last line the command wrote to
/// stderr.
public struct ExecDeliverer: Deliverer {
    /// The shell command.
    public let command: String
    /// How long a command may run before it is killed and the attempt counts as failed, in seconds.
    public let timeout: Double

    /// Creates a deliverer.
    public init(command: String, timeout: Double = 300) {
        self.command = command
        self.timeout = timeout
    }

    public func deliver(_ entry: OutboxEntry, json: [UInt8]) async throws(DeliveryFailure) {
        let result: Result<Void, DeliveryFailure> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: run(entry, json: json))
            }
        }
        try result.get()
    }

    /// Runs the command to its end on the calling thread.
    private func run(_ entry: OutboxEntry, json: [UInt8]) -> Result<Void, DeliveryFailure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        environment["STATUTE_IDEMPOTENCY_KEY"] = entry.key
        environment["STATUTE_EFFECT"] = entry.effect
        environment["STATUTE_RECORD"] = entry.record
        process.environment = environment
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(DeliveryFailure("could not start /bin/sh: \(error.localizedDescription)"))
        }
        // Collected on its own thread so a chatty command never blocks on a full pipe.
        let collected = StderrTail()
        let errorHandle = errors.fileHandleForReading
        let reader = Thread { collected.read(errorHandle) }
        reader.start()
        // A command that does not read its stdin must not fail the attempt: EPIPE is ignored.
        writeQuietly(json + [UInt8(ascii: "\n")], to: input.fileHandleForWriting.fileDescriptor)
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                return .failure(DeliveryFailure("`\(command)` ran longer than \(Int(timeout)) s and was stopped"))
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        collected.wait()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)"
                : "was killed by signal \(process.terminationStatus)"
            let tail = collected.lastLine.map { ": \($0)" } ?? ""
            return .failure(DeliveryFailure("`\(command)` \(how)\(tail)"))
        }
        return .success(())
    }
}

/// The last non-empty line a command wrote to stderr (at most 64 KiB kept).
private final class StderrTail: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var bytes: [UInt8] = []

    func read(_ handle: FileHandle) {
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            lock.lock()
            bytes += chunk
            if bytes.count > 65_536 { bytes.removeFirst(bytes.count - 65_536) }
            lock.unlock()
        }
        done.signal()
    }

    /// Waits for the end of stderr: the command and anything it left running closed it
    /// (not longer than a few seconds after the command itself ended).
    func wait() { _ = done.wait(timeout: .now() + 5) }

    var lastLine: String? {
        lock.lock()
        defer { lock.unlock() }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).last else { return nil }
        let visible = line.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined()
        return String(visible.prefix(300))
    }
}

/// Writes everything it can to `descriptor`; a reader that went away ends the write
/// without an error (the caller ignores SIGPIPE, as the `statute` command does).
private func writeQuietly(_ bytes: [UInt8], to descriptor: Int32) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written <= 0 {
            if written < 0 && errno == EINTR { continue }
            return
        }
        offset += written
    }
}
