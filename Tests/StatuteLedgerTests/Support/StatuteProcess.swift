import Foundation

/// The built `statute` executable, run as a real process.
enum StatuteProcess {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `$STATUTE_BINARY`, else `.build/debug/statute` (or any `.build*` folder's debug build).
    static let path: String? = {
        if let path = ProcessInfo.processInfo.environment["STATUTE_BINARY"] { return path }
        let fileManager = FileManager.default
        var candidates = [Bundle.main.bundleURL.appendingPathComponent("statute").path]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("statute").path)
        }
        if let argument = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("statute").path)
        }
        candidates.append(LedgerFixtures.root.appendingPathComponent(".build/debug/statute").path)
        return candidates.first { fileManager.isExecutableFile(atPath: $0) }
    }()

    /// Starts `statute arguments…` in `folder`, stdin from `input` text, output to files in `folder`.
    static func start(_ arguments: [String], in folder: URL, input: String = "", tag: String = UUID().uuidString,
                      environment: [String: String] = [:]) throws -> (Process, URL, URL) {
        guard let path else { throw LedgerTestError("the statute binary is not built (swift build)") }
        let inURL = folder.appendingPathComponent("\(tag).in"), outURL = folder.appendingPathComponent("\(tag).out"),
            errURL = folder.appendingPathComponent("\(tag).err")
        try Data(input.utf8).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var merged = ProcessInfo.processInfo.environment
        merged["STATUTE_STORE"] = nil
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        return (process, outURL, errURL)
    }

    /// Runs `statute arguments…` in `folder` to its end.
    static func run(_ arguments: [String], in folder: URL, input: String = "",
                    environment: [String: String] = [:]) async throws -> Run {
        let (process, outURL, errURL) = try start(arguments, in: folder, input: input, environment: environment)
        await wait(process)
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Waits for `process` to end without holding a thread: `waitUntilExit()` would park one
    /// of the few threads Swift concurrency has, and the other tests running in parallel
    /// (a PostgreSQL transaction's commit, a server's answer) would wait with it.
    static func wait(_ process: Process) async {
        while process.isRunning {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits for `process` to end, at most `timeout`; false when it is still running then.
    static func wait(_ process: Process, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return !process.isRunning
    }
}
