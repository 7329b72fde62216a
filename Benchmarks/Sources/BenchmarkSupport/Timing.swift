#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small timer for the ratio table: the median of several runs of a closure.
///
/// It measures the CPU time of the calling thread, not the wall clock, so that a machine
/// shared with other work (builds, other benchmarks) slows both sides of a ratio alike
/// instead of adding its waits to whichever side ran while it was busy.
public enum Timing {
    /// The median CPU time of `runs` runs of `body`, in seconds, after one warm-up run.
    public static func median(runs: Int, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<max(runs, 1) {
            let start = threadCPUTime()
            body()
            times.append(threadCPUTime() - start)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// The CPU time the calling thread has used, in seconds.
    public static func threadCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
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
