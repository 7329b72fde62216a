import ArgumentParser
import Foundation
import Statute

extension ExitCode {
    /// 1: the answer is no (errors found, request rejected, a run line in error).
    static let answerIsNo = ExitCode(1)
    /// 2: the command could not do its work.
    static let couldNotWork = ExitCode(2)
}

/// stdout, stderr and the process's exit: the only place the CLI touches them.
enum Terminal {
    /// Writes text to stdout as is.
    static func out(_ text: String) {
        print(text, terminator: "")
    }

    /// Writes text to stderr, adding a newline if it lacks one.
    static func error(_ text: String) {
        guard !text.isEmpty else { return }
        let line = text.hasSuffix("\n") ? text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Flushes stdout and exits with `code`.
    static func exit(_ code: ExitCode) -> Never {
        fflush(nil)
        Foundation.exit(code.rawValue)
    }

    /// Renders diagnostics as rustc-style text, showing source lines read from disk.
    static func render(_ diagnostics: [Diagnostic]) -> String {
        var renderer = DiagnosticRenderer(sources: SourceFiles.text(of:))
        return renderer.render(diagnostics.sortedForDisplay(limit: .max), format: .text)
    }

    /// Reports diagnostics on stderr and stops with exit status 2.
    static func fail(_ diagnostics: [Diagnostic]) -> Never {
        error(render(diagnostics))
        exit(.couldNotWork)
    }

    /// Reports one problem on stderr and stops with exit status 2.
    static func fail(_ message: String) -> Never {
        error("error: \(message)")
        exit(.couldNotWork)
    }
}

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

/// Shared steps of the commands that evaluate records.
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
            Terminal.fail("cannot read today's date from the system clock; give --today")
        }
        return date
    }

    /// Loads a policy; on errors reports them and exits 2.
    static func policy(_ path: String) -> CompiledPolicy {
        let loaded = PolicyLoader.load(contentsOf: path)
        guard let policy = loaded.policy else {
            if loaded.diagnostics.isEmpty { Terminal.fail("could not load the policy `\(path)`") }
            if loaded.diagnostics.allSatisfy({ $0.code == .unreadableFile }) { Terminal.fail(loaded.diagnostics) }
            Terminal.error(Terminal.render(loaded.diagnostics.filter(\.isError)))
            Terminal.fail("the policy `\(path)` has errors; run `statute check \(path)`")
        }
        return policy
    }

    /// The engine with the settings file and `--setting` values; exits 2 on bad input.
    static func engine(_ policy: CompiledPolicy, settingsFile: String?, settings: [String]) -> Engine {
        let reading = InputValues.gather(file: settingsFile, arguments: settings, declarations: policy.settings, kind: .setting)
        if !reading.diagnostics.isEmpty { Terminal.fail(reading.diagnostics) }
        do {
            return try Engine(policy: policy, settings: reading.values)
        } catch {
            Terminal.fail([error])
        }
    }
}
