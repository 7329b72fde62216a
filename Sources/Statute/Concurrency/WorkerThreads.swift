import Foundation

/// Threads that take pieces of work from one queue, oldest first, with the calling thread
/// joining them whenever it waits for a batch: the one worker pool of `statute run`,
/// `impact`, `replay` and the ledger's sweep.
///
/// `DispatchQueue.concurrentPerform` hands its iterations to pool threads as they wake;
/// measured on a busy 2-core machine, the calling thread took most of `run`'s pieces
/// before the pool's threads arrived (4 in 5 of them with `nice -n -15`, whose priority
/// the pool's threads do not inherit), so `--jobs 2` was no faster than one. These
/// threads are started once and inherit the process's priority.
///
/// The queue spans batches: the pieces of the next batch are queued before the last one
/// is joined, so a thread that finishes its last piece of one batch goes straight on to
/// the next instead of waiting at a barrier for the slowest piece (measured: that wait was
/// most of what kept `--jobs 2` from twice the speed of one job).
package final class WorkerThreads: @unchecked Sendable {
    /// One piece of work.
    package typealias Job = @Sendable () -> Void

    private let condition = NSCondition()
    /// Jobs from `head` on are waiting; those before it were taken (and let go, so that
    /// a batch's lines are freed once its pieces are done).
    private var queue: [Job?] = []
    private var head = 0
    /// Set by ``stop()``: the helpers finish the queued jobs and end.
    private var stopping = false

    /// Starts `helpers` threads (a thread calling ``help(until:)`` is one more worker).
    /// They live until ``stop()``, or as long as the process.
    package init(helpers: Int) {
        for _ in 0..<helpers {
            let thread = Thread { [self] in self.serve() }
            thread.start()
        }
    }

    /// Queues `jobs` after those already queued and wakes the helpers; returns at once.
    package func submit(_ jobs: [Job]) {
        condition.lock()
        queue.append(contentsOf: jobs)
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `update` under the queue's lock and wakes every thread waiting in
    /// ``help(until:)``: how a job reports that it is done.
    package func signal(_ update: () -> Void) {
        condition.lock()
        update()
        condition.broadcast()
        condition.unlock()
    }

    /// Whether `condition` holds, read under the queue's lock (what ``signal(_:)`` changes).
    package func holds(_ condition: () -> Bool) -> Bool {
        self.condition.lock()
        defer { self.condition.unlock() }
        return condition()
    }

    /// Runs queued jobs on the calling thread, oldest first, until `done()` holds; waits
    /// when there is no job left and it does not hold yet. `done` is read under the lock.
    package func help(until done: () -> Bool) {
        condition.lock()
        while !done() {
            if let job = take() {
                condition.unlock()
                job()
                condition.lock()
            } else {
                condition.wait()
            }
        }
        condition.unlock()
    }

    /// Lets the helper threads end once the queued jobs are done: for a pool made for one
    /// piece of work in a long-lived process (a sweep of the service).
    package func stop() {
        signal { stopping = true }
    }

    private func serve() {
        while true {
            condition.lock()
            var job = take()
            while job == nil {
                if stopping {
                    condition.unlock()
                    return
                }
                condition.wait()
                job = take()
            }
            condition.unlock()
            job?()
        }
    }

    /// The oldest queued job, under the lock; nil when there is none.
    private func take() -> Job? {
        guard head < queue.count else { return nil }
        let job = queue[head]
        queue[head] = nil
        head += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }
}
