import Foundation

/// Threads of `run`'s own that share numbered pieces of work with the calling thread.
///
/// `DispatchQueue.concurrentPerform` hands its iterations to pool threads as they wake;
/// measured on a busy 2-core machine, the calling thread took most of `run`'s pieces
/// before the pool's threads arrived (4 in 5 of them with `nice -n -15`, whose priority
/// the pool's threads do not inherit), so `--jobs 2` was no faster than one. These
/// threads are started once, inherit the process's priority, and wait on a condition
/// between batches.
final class WorkerThreads: @unchecked Sendable {
    private let condition = NSCondition()
    private var body: (@Sendable (Int) -> Void)?
    private var next = 0
    private var count = 0
    private var done = 0
    private var generation = 0

    /// Starts `helpers` threads (the calling thread of ``run(_:_:)`` is one more worker).
    /// They live as long as the process.
    init(helpers: Int) {
        for _ in 0..<helpers {
            let thread = Thread { [self] in self.serve() }
            thread.start()
        }
    }

    /// Runs `body(0..<count)`, each index once, on the helpers and the calling thread;
    /// returns when every index is done.
    func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        start(count, body)
        finish()
    }

    /// Hands `body(0..<count)` to the helpers and returns at once, so that the caller can
    /// do other work (write the last batch, read the next) before ``finish()``. One piece
    /// of work at a time: every `start` is followed by its `finish`.
    func start(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        condition.lock()
        self.body = body
        self.count = count
        next = 0
        done = 0
        generation += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Joins the helpers on the work ``start(_:_:)`` handed them; returns when it is done.
    func finish() {
        drain()
        condition.lock()
        while done < count { condition.wait() }
        body = nil
        condition.unlock()
    }

    private func serve() {
        var seen = 0
        while true {
            condition.lock()
            while generation == seen { condition.wait() }
            seen = generation
            condition.unlock()
            drain()
        }
    }

    /// Takes indices until none is left.
    private func drain() {
        while true {
            condition.lock()
            guard let body, next < count else {
                condition.unlock()
                return
            }
            let index = next
            next += 1
            condition.unlock()
            body(index)
            condition.lock()
            done += 1
            if done == count { condition.broadcast() }
            condition.unlock()
        }
    }
}
