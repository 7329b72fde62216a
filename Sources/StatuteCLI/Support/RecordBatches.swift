import Dispatch
import Statute

/// Evaluates a batch of `run` lines on up to `jobs` threads and returns their output
/// lines in input order. Each thread takes a contiguous share of the batch; a batch too
/// small to be worth sharing is evaluated on the calling thread.
struct RecordBatches: Sendable {
    let records: RecordLines
    let jobs: Int

    /// Below this many lines a batch is evaluated on one thread.
    static let smallestShared = 64

    /// The kind and the output line (UTF-8, ending with a newline) of every input line, in order.
    func evaluate(_ lines: [LineSplitter.Line]) -> [(RecordLines.Kind, [UInt8])] {
        let workers = min(jobs, lines.count / (Self.smallestShared / 2))
        guard workers > 1 else { return lines.map(answer(_:)) }
        let slots = Slots(count: lines.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = lines.count * worker / workers
            let end = lines.count * (worker + 1) / workers
            for index in start..<end { slots.store(answer(lines[index]), at: index) }
        }
        return slots.take()
    }

    private func answer(_ line: LineSplitter.Line) -> (RecordLines.Kind, [UInt8]) {
        let output = records.evaluate(line)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        output.json.write(to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return (output.kind, bytes)
    }
}

/// One slot per line, each written by exactly one thread: the threads share the storage
/// but never an element, and `take()` runs after they have all finished.
private final class Slots: @unchecked Sendable {
    private var storage: [(RecordLines.Kind, [UInt8])]

    init(count: Int) {
        storage = Array(repeating: (.error, []), count: count)
    }

    func store(_ value: (RecordLines.Kind, [UInt8]), at index: Int) {
        storage.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    func take() -> [(RecordLines.Kind, [UInt8])] { storage }
}
