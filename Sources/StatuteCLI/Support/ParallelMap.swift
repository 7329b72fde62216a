import Dispatch
import Foundation

/// Maps a batch over several threads; the results keep the input order.
enum ParallelMap {
    /// The number of cores, the default for `--jobs`.
    static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `items.map(body)`, split into contiguous slices run on up to `jobs` threads at once.
    static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ body: @escaping @Sendable (T) -> R) -> [R] {
        if jobs <= 1 || items.count < 2 { return items.map(body) }
        let slots = Slots<R>(count: items.count)
        let slices = min(items.count, jobs * 4)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let low = items.count * slice / slices, high = items.count * (slice + 1) / slices
            for index in low..<high { slots.set(index, body(items[index])) }
        }
        return slots.take()
    }

    /// One write-once slot per item; each index is written by exactly one thread.
    private final class Slots<R>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<R?>
        let count: Int

        init(count: Int) {
            self.count = count
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: nil, count: count)
        }

        func set(_ index: Int, _ value: R) { pointer[index] = value }

        func take() -> [R] { (0..<count).map { pointer[$0]! } }

        deinit {
            pointer.deinitialize(count: count)
            pointer.deallocate()
        }
    }
}
