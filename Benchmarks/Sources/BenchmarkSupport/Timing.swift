/// A small timer for the ratio table: the median of several runs of a closure.
public enum Timing {
    /// The median wall-clock time of `runs` runs of `body`, in seconds, after one warm-up run.
    public static func median(runs: Int, _ body: () -> Void) -> Double {
        body()
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<max(runs, 1) {
            let elapsed = clock.measure(body)
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// `1.23 ms`, `456 ns`, `2.1 s`.
    public static func format(_ seconds: Double) -> String {
        switch seconds {
        case ..<1e-6: return String(format3(seconds * 1e9)) + " ns"
        case ..<1e-3: return String(format3(seconds * 1e6)) + " µs"
        case ..<1: return String(format3(seconds * 1e3)) + " ms"
        default: return String(format3(seconds)) + " s"
        }
    }

    /// Three significant digits, without Foundation.
    public static func format3(_ value: Double) -> String {
        let digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if digits == 0, text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
