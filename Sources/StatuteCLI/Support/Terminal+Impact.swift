import ArgumentParser
import Foundation
import Statute

extension Inputs {
    /// How far `--until` reaches by default.
    enum Reach { case years(Int), none }

    /// `--until`, or its default after `today`; it may not come before `today`.
    static func until(_ text: String?, after today: CalendarDate, default reach: Reach) throws -> CalendarDate {
        guard let text else {
            switch reach {
            case .none: return today
            case .years(let years):
                return today.adding(Period(months: 12 * years, days: 0)) ?? today
            }
        }
        guard let date = CalendarDate(iso: text) else {
            throw ValidationError("--until must be a real date written YYYY-MM-DD, got `\(text)`")
        }
        guard date >= today else { throw ValidationError("--until (\(date)) comes before --today (\(today))") }
        return date
    }
}

extension Terminal {
    /// Copies a file's bytes to stdout after what `out` wrote; exits 2 when stdout fails.
    static func copy(_ url: URL) {
        fflush(nil)
        guard let handle = try? FileHandle(forReadingFrom: url) else { fail("cannot read back the temporary file `\(url.path)`") }
        defer { try? handle.close() }
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try FileHandle.standardOutput.write(contentsOf: chunk)
            }
        } catch {
            fail("cannot write the output: \(error.localizedDescription)")
        }
    }

    /// Opens the input named on the command line (`-` or none: stdin); exits 2 when it cannot be read.
    static func input(_ path: String?) -> FileHandle {
        guard let path, path != "-" else { return FileHandle.standardInput }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let file = FileHandle(forReadingAtPath: path) else {
            fail("cannot read the input `\(path)`")
        }
        return file
    }
}

extension Terminal {
    /// Whether stderr is a terminal (progress is shown only there).
    static var showsProgress: Bool { isatty(2) != 0 }

    /// Rewrites the progress line on stderr (a terminal only).
    static func progress(_ text: String) {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    /// Clears the progress line.
    static func endProgress() {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
