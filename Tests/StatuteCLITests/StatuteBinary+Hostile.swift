import Foundation

/// Runs the built `statute` with stdout sent anywhere (a full device, a closed pipe), in
/// any folder, stopped after a time limit: for the hostile-input tests.
extension StatuteBinary {
    struct LimitedRun {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether the time limit stopped the process.
        let timedOut: Bool
    }

    enum Output {
        /// Captured in a file (returned as `stdout`).
        case captured
        /// Written to this path, e.g. `/dev/full`.
        case path(String)
        /// A pipe whose reading end is closed before the process starts.
        case closedPipe
    }

    static func run(_ arguments: [String], in folder: URL, output: Output = .captured,
                    timeout: TimeInterval = 60) throws -> LimitedRun {
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("statute-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errURL)
        var pipe: Pipe?
        switch output {
        case .captured: process.standardOutput = try FileHandle(forWritingTo: outURL)
        case .path(let path): process.standardOutput = FileHandle(forWritingAtPath: path)
        case .closedPipe:
            let closed = Pipe()
            try closed.fileHandleForReading.close()
            process.standardOutput = closed
            pipe = closed
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        _ = pipe
        return LimitedRun(status: process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                          timedOut: timedOut)
    }

    /// A fresh folder for one test's files.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statute-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
