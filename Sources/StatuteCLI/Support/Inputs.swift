import ArgumentParser
import Foundation
import Statute

/// Reads source files for showing lines under diagnostics.
enum SourceFiles {
    static let limit = 4 * 1024 * 1024

    static func text(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit), !data.isEmpty else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }
}

/// Shared steps of the commands that evaluate records. Each throws a ``CLIError`` (exit 2,
/// the problem on stderr) when its input cannot be used.
enum Inputs {
    /// `YYYY-MM-DD`, or today's local date (the only place Statute reads a clock).
    static func today(_ text: String?) throws -> CalendarDate {
        if let text {
            guard let date = CalendarDate(iso: text) else {
                throw ValidationError("--today must be a real date written YYYY-MM-DD, got `\(text)`")
            }
            return date
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let date = CalendarDate(year: year, month: month, day: day) else {
            throw CLIError.couldNotWork("cannot read today's date from the system clock; give --today")
        }
        return date
    }

    /// Loads a policy given on the command line (any readable file: `<(cat p.yaml)` too).
    static func loadPolicy(_ path: String) throws(CLIError) -> CompiledPolicy {
        var options = LoadOptions()
        options.fileAccess = .namedByUser
        return try compiled(PolicyLoader.load(contentsOf: path, options: options), path: path)
    }

    /// The policy a load gave, or its errors as a ``CLIError``.
    private static func compiled(_ loaded: LoadedPolicy, path: String) throws(CLIError) -> CompiledPolicy {
        guard let policy = loaded.policy else {
            if loaded.diagnostics.isEmpty { throw .couldNotWork("could not load the policy `\(path)`") }
            if loaded.diagnostics.allSatisfy({ $0.code == .unreadableFile || $0.code == .notAPolicy }) {
                throw .couldNotWork(loaded.diagnostics)
            }
            let rendered = Terminal.render(loaded.diagnostics.filter(\.isError))
            let summary = CLIError.couldNotWork("the policy `\(path)` has errors; run `statute check \(path)`").message
            throw CLIError(exitCode: 2, message: rendered + summary)
        }
        return policy
    }

    /// `count` compiled copies of the policy at `path` (at least one), all from the same
    /// bytes, read once: `run` gives each job its own. When the file cannot be read that
    /// way, or does not load, ``loadPolicy(_:)`` reports the problem as for one copy; a
    /// copy that does not compile again leaves fewer copies, never different ones. A policy
    /// over 256 KiB is compiled once.
    static func loadPolicies(_ path: String, count: Int) throws(CLIError) -> [CompiledPolicy] {
        let limit = LoadOptions().yaml.maxFileBytes
        guard count > 1, let handle = FileHandle(forReadingAtPath: path) else { return [try loadPolicy(path)] }
        let data = try? handle.read(upToCount: limit + 1)
        try? handle.close()
        guard let data, data.count <= limit else { return [try loadPolicy(path)] }
        let bytes = [UInt8](data)
        // Copies of a large policy would cost more to compile (and hold) than they save.
        let copies = bytes.count <= 256 * 1024 ? count : 1
        // Compiled side by side: the copies' time is not added to the run's start.
        let loads = ParallelMap.map(Array(0..<copies), jobs: copies) { copy in
            PolicyLoader.load(bytes: bytes, file: path, options: LoadOptions(analyze: copy == 0))
        }
        var policies = [try compiled(loads[0], path: path)]
        for load in loads.dropFirst() {
            guard let copy = load.policy else { break }
            policies.append(copy)
        }
        return policies
    }

    /// The engine with the settings file and `--setting` values.
    static func makeEngine(_ policy: CompiledPolicy, settingsFile: String?, settings: [String]) throws(CLIError) -> Engine {
        try makeDecisionMaker(policy, settingsFile: settingsFile, settings: settings).engine
    }

    /// The library's decision maker: the policy's engine with the settings file and
    /// `--setting` values.
    static func makeDecisionMaker(_ policy: CompiledPolicy, settingsFile: String?,
                                  settings: [String]) throws(CLIError) -> DecisionMaker {
        let reading = InputValues.gather(file: settingsFile, arguments: settings, declarations: policy.settings, kind: .setting)
        if !reading.diagnostics.isEmpty { throw .couldNotWork(reading.diagnostics) }
        do {
            return try DecisionMaker(policy: policy, settings: reading.values)
        } catch {
            throw .couldNotWork([error])
        }
    }

    /// ``loadPolicy(_:)`` for code that cannot throw: reports the problem and exits 2.
    static func policy(_ path: String) -> CompiledPolicy {
        do { return try loadPolicy(path) } catch { Terminal.exit(error.exitCode, message: error.message) }
    }

    /// ``makeDecisionMaker(_:settingsFile:settings:)`` for code that cannot throw: reports the problem and exits 2.
    static func decisionMaker(_ policy: CompiledPolicy, settingsFile: String?, settings: [String]) -> DecisionMaker {
        do { return try makeDecisionMaker(policy, settingsFile: settingsFile, settings: settings) } catch {
            Terminal.exit(error.exitCode, message: error.message)
        }
    }
}

extension PolicyOptions {
    /// Loads the policy and builds its decision maker with the settings; exits 2 on errors.
    func decisionMaker() -> DecisionMaker {
        Inputs.decisionMaker(Inputs.policy(policy), settingsFile: settings, settings: settingValues)
    }
}
