import Foundation
import Statute

/// Evaluates batches of `run` lines on up to `jobs` threads (``WorkerThreads``) and
/// returns their output in input order. A batch too small
/// to be worth sharing — a co-process's single line, say — is evaluated on the calling
/// thread.
///
/// The batch is cut into a few contiguous pieces; each piece writes the output lines of
/// its records into one byte buffer, so that what is left for the calling thread to do in
/// order is one copy per piece, not one per line. Each piece borrows a reader of its own
/// from a pool: given one policy compiled per job, threads evaluating at the same time do
/// not share the policy's objects, whose reference counts would otherwise bounce between
/// cores on every retain and release.
struct RecordBatches: Sendable {
    /// The readers: one per job when the policy could be compiled once per job, else one.
    let readers: [RecordLines]
    let jobs: Int
    private let pool: Pool
    /// The threads besides the caller's, when there is more than one job.
    private let threads: WorkerThreads?

    /// Below this many lines a batch is evaluated on one thread.
    static let smallestShared = 64

    /// `threads` are those of the command (``WorkerThreads/forJobs(_:)``); used only for more than one job.
    init(readers: [RecordLines], jobs: Int, threads: WorkerThreads) {
        precondition(!readers.isEmpty, "RecordBatches needs a reader")
        self.readers = readers
        self.jobs = jobs
        pool = Pool(readers)
        self.threads = jobs > 1 ? threads : nil
    }

    /// The output lines of consecutive input lines, and what became of each line.
    struct Answers: Sendable {
        /// Their output lines (UTF-8, each ending with a newline), in order.
        var bytes: [UInt8] = []
        /// The kind of every line, written or not.
        var kinds: [RecordLines.Kind] = []
    }

    /// The answers to `lines`, in order. With `changedOnly`, only changed results and
    /// error lines are written (every line is still counted in `kinds`).
    func evaluate(_ lines: [LineSplitter.Line], changedOnly: Bool = false) -> [Answers] {
        begin(lines, changedOnly: changedOnly).end()
    }

    /// A batch handed to the threads; ``end()`` joins them and returns its answers.
    struct Pending {
        fileprivate let threads: WorkerThreads?
        fileprivate let results: Results?
        fileprivate let ready: [Answers]

        /// Whether every piece of the batch is done (``end()`` would not wait).
        var isFinished: Bool {
            guard let threads, let results else { return true }
            return threads.holds { results.remaining == 0 }
        }

        /// The answers, in order, once every piece is done. The calling thread works on
        /// queued pieces meanwhile (this batch's, then the next one's if it is queued),
        /// instead of waiting idle for the slowest piece.
        func end() -> [Answers] {
            guard let threads, let results else { return ready }
            threads.help { results.remaining == 0 }
            return results.take()
        }
    }

    /// Queues `lines` for the helper threads and returns at once (a batch too small to
    /// share is evaluated here and now). The caller may read, write or begin the next
    /// batch meanwhile, and calls ``Pending/end()`` on batches in the order it began them.
    func begin(_ lines: [LineSplitter.Line], changedOnly: Bool = false) -> Pending {
        let workers = lines.count < Self.smallestShared ? 1 : jobs
        let pieces = workers == 1 ? 1 : min(lines.count, workers * 4)
        let ranges = (0..<pieces).map { lines.count * $0 / pieces..<lines.count * ($0 + 1) / pieces }
        let pool = pool
        let answer: @Sendable (Range<Int>) -> Answers = { range in
            let records = pool.borrow()
            defer { pool.giveBack(records) }
            var answers = Answers()
            answers.bytes.reserveCapacity(range.count * 256)
            answers.kinds.reserveCapacity(range.count)
            for index in range {
                let mark = answers.bytes.count
                let kind = records.answer(lines[index], to: &answers.bytes)
                if changedOnly, kind != .error, kind != .evaluated(.changed) {
                    answers.bytes.removeLast(answers.bytes.count - mark)
                }
                answers.kinds.append(kind)
            }
            return answers
        }
        guard workers > 1, let threads else { return Pending(threads: nil, results: nil, ready: ranges.map(answer)) }
        let results = Results(count: ranges.count)
        threads.submit(ranges.indices.map { piece in
            { @Sendable in
                let answers = answer(ranges[piece])
                threads.signal { results.set(piece, answers) }
            }
        })
        return Pending(threads: threads, results: results, ready: [])
    }

    /// One write-once slot per piece; each is written by exactly one thread, under the
    /// queue's lock (``WorkerThreads/signal(_:)``), and read once ``remaining`` is 0.
    fileprivate final class Results: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<Answers?>
        private let count: Int
        /// The pieces not done yet; read and written under the queue's lock.
        private(set) var remaining: Int

        init(count: Int) {
            self.count = count
            remaining = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }

        func set(_ index: Int, _ answers: Answers) {
            slots[index] = answers
            remaining -= 1
        }

        func take() -> [Answers] { (0..<count).map { slots[$0]! } }

        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
    }

    /// The readers not in use; a piece takes one and gives it back when done.
    private final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var free: [RecordLines]
        private let fallback: RecordLines
        private let capacity: Int

        init(_ readers: [RecordLines]) {
            free = readers
            fallback = readers[0]
            capacity = readers.count
        }

        func borrow() -> RecordLines {
            lock.lock()
            defer { lock.unlock() }
            return free.popLast() ?? fallback
        }

        func giveBack(_ reader: RecordLines) {
            lock.lock()
            defer { lock.unlock() }
            if free.count < capacity { free.append(reader) }
        }
    }
}
