import Foundation

extension WorkerThreads {
    /// The number of cores, the default for `--jobs`.
    package static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Threads for `jobs` jobs (at most 64): `jobs - 1` helpers, the calling thread being
    /// the last; none for one job.
    package static func forJobs(_ jobs: Int) -> WorkerThreads {
        WorkerThreads(helpers: max(0, min(jobs, 64) - 1))
    }

    /// `items.map(body)` on these threads and the calling thread, in contiguous slices (a
    /// few per thread, so a slow slice does not hold up the rest); the results keep the
    /// input order. Returns once every slice is done.
    package func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ body: @escaping @Sendable (T) -> R) -> [R] {
        if jobs <= 1 || items.count < 2 { return items.map(body) }
        let slots = OrderedSlots<R>(count: items.count)
        let slices = min(items.count, jobs * 4)
        let remaining = SliceCount(slices)
        submit((0..<slices).map { slice in
            { [self] in
                let low = items.count * slice / slices, high = items.count * (slice + 1) / slices
                for index in low..<high { slots.set(index, body(items[index])) }
                self.signal { remaining.value -= 1 }
            }
        })
        help { remaining.value == 0 }
        return slots.take()
    }
}

/// Extension of ``WorkerThreads`` to a map: how many slices are left, changed and read
/// only under the threads' lock (``WorkerThreads/signal(_:)``, ``WorkerThreads/help(until:)``).
private final class SliceCount: @unchecked Sendable {
    var value: Int
    init(_ value: Int) { self.value = value }
}

/// One write-once slot per item; each index is written by exactly one thread, and the
/// slots are read only after every slice is done.
private final class OrderedSlots<R>: @unchecked Sendable {
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
