import Foundation

/// A one-line progress indicator on stderr for long work (`statute test` over many
/// files; `run` and `impact` can use it for records): `testing 3/12 · policies/x.test.yaml`.
///
/// It draws only when stderr is a terminal (never into a pipe or a file, so output
/// that is captured stays clean), redraws at most every `interval`, and erases its line
/// when done. It is not shared between threads: each command owns its own.
final class Progress {
    private let verb: String
    private let total: Int?
    private let enabled: Bool
    private let interval: TimeInterval
    private var lastDraw: Date?
    private var drawn = false

    /// - Parameters:
    ///   - verb: what is being done, such as `testing`.
    ///   - total: how many items there are, when known.
    ///   - enabled: whether to draw at all; by default, whether stderr is a terminal.
    ///   - interval: the shortest time between two redraws.
    init(_ verb: String, total: Int?, enabled: Bool = isatty(STDERR_FILENO) == 1, interval: TimeInterval = 0.1) {
        self.verb = verb
        self.total = total
        self.enabled = enabled
        self.interval = interval
    }

    /// Reports that item `done` (1-based) is under way, described by `item`.
    func update(_ done: Int, _ item: String = "") {
        guard enabled else { return }
        let now = Date()
        if let lastDraw, now.timeIntervalSince(lastDraw) < interval { return }
        lastDraw = now
        var line = "\(verb) \(done)" + (total.map { "/\($0)" } ?? "")
        if !item.isEmpty { line += " · " + Self.shortened(item, to: 60) }
        write("\r\u{1B}[2K" + line)
        drawn = true
    }

    /// Erases the progress line (call before printing the results).
    func finish() {
        guard enabled, drawn else { return }
        write("\r\u{1B}[2K")
        drawn = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `text`, cut in the middle to at most `limit` characters, with control characters
    /// shown as `?` so a file name cannot move the cursor.
    static func shortened(_ text: String, to limit: Int) -> String {
        let clean = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        guard clean.count > limit, limit > 1 else { return clean }
        let half = (limit - 1) / 2
        return String(clean.prefix(half)) + "…" + String(clean.suffix(limit - 1 - half))
    }
}
