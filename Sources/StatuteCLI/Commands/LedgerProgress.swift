import Foundation

/// The progress line of `ledger import` and `ledger sweep` on a terminal (stderr): records
/// done, the rate, and — when the amount of work is known — the time left:
/// `sweeping 12000/100000 · 4100 records/s · about 21 s left`.
///
/// Updated from whichever thread runs the work; draws through ``Progress`` (only on a
/// terminal, at most ten times a second).
final class LedgerProgress: @unchecked Sendable {
    private let progress: Progress
    private let started = Date()
    private let lock = NSLock()

    /// - Parameters:
    ///   - total: how many records the work has, when known (the sweep's backlog).
    init(_ verb: String, total: Int?, enabled: Bool) {
        progress = Progress(verb, total: total, enabled: enabled)
        self.total = total
    }

    private let total: Int?

    /// `done` records so far; `fraction` (0…1) is how much of the work that is, when the
    /// total is not a record count (an input file's bytes read).
    func update(_ done: Int, fraction: Double? = nil) {
        lock.lock()
        defer { lock.unlock() }
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        var text = "\(Int(Double(done) / seconds)) records/s"
        let part = fraction ?? total.map { $0 > 0 ? min(1, Double(done) / Double($0)) : 1 }
        if let part, part > 0.001, seconds >= 1 {
            text += " · about " + Self.duration(seconds * (1 - part) / part) + " left"
        }
        progress.update(done, text)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        progress.finish()
    }

    /// `42 s`, `3 min 10 s`, `2 h 5 min`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
