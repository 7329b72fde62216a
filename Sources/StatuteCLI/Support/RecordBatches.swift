import Statute

/// Evaluates a batch of `run` lines on up to `jobs` threads and returns their output
/// lines in input order (through ``ParallelMap``, as `impact` and `replay` do). A batch
/// too small to be worth sharing — a co-process's single line, say — is evaluated on the
/// calling thread.
struct RecordBatches: Sendable {
    let records: RecordLines
    let jobs: Int

    /// Below this many lines a batch is evaluated on one thread.
    static let smallestShared = 64

    /// The kind and the output line (UTF-8, ending with a newline) of every input line, in order.
    func evaluate(_ lines: [LineSplitter.Line]) -> [(RecordLines.Kind, [UInt8])] {
        let records = records
        let workers = lines.count < Self.smallestShared ? 1 : jobs
        return ParallelMap.map(lines, jobs: workers) { line in
            let output = records.evaluate(line)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(512)
            output.json.write(to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
            return (output.kind, bytes)
        }
    }
}
