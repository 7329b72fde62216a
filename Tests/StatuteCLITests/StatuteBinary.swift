import Foundation

/// Runs the built `statute` executable and captures what it wrote.
enum StatuteBinary {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The executable: `$STATUTE_BINARY`, else next to the test bundle (the products
    /// folder of whatever scratch path built it), else the newest `statute` in a
    /// `.build*` folder of the package.
    static let url: URL? = {
        let fileManager = FileManager.default
        func executable(_ url: URL) -> URL? { fileManager.isExecutableFile(atPath: url.path) ? url : nil }
        if let path = ProcessInfo.processInfo.environment["STATUTE_BINARY"] { return URL(fileURLWithPath: path) }
        var folders = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let argument = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: argument).deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            if let found = executable(folder.appendingPathComponent("statute")) { return found }
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scratch = ((try? fileManager.contentsOfDirectory(atPath: package.path)) ?? []).filter { $0.hasPrefix(".build") }
        var candidates: [URL] = []
        for name in scratch {
            let base = package.appendingPathComponent(name)
            candidates.append(base.appendingPathComponent("debug/statute"))
            for triple in (try? fileManager.contentsOfDirectory(atPath: base.path)) ?? [] {
                candidates.append(base.appendingPathComponent(triple).appendingPathComponent("debug/statute"))
            }
        }
        func modified(_ url: URL) -> Date {
            ((try? fileManager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        return candidates.compactMap(executable).max { modified($0) < modified($1) }
    }()

    /// Runs `statute arguments…` in the fixtures folder (or `directory`), with `input` on
    /// stdin and `environment` added to (or, with a `nil` value, removed from) this process's.
    static func run(_ arguments: [String], input: String = "", environment: [String: String?] = [:],
                    directory: URL? = nil) throws -> Run {
        guard let url else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "statute binary not found"]) }
        return try runProgram(url.path, arguments, input: input, environment: environment, directory: directory)
    }

    /// Runs any program as ``run(_:input:environment:directory:)`` runs `statute`.
    static func runProgram(_ program: String, _ arguments: [String], input: String = "", environment: [String: String?] = [:],
                           directory: URL? = nil) throws -> Run {
        let url = URL(fileURLWithPath: program)
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("statute-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let inURL = temporary.appendingPathComponent("in"), outURL = temporary.appendingPathComponent("out"),
            errURL = temporary.appendingPathComponent("err")
        try Data(input.utf8).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? fixtures
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
