import Foundation
import Statute

/// Reads JSON Lines input in chunks and hands over its non-blank lines in batches, so
/// that memory holds one batch however long the input is.
enum LineBatches {
    /// Calls `body` with each batch of at most `size` lines (blank lines skipped), in input order.
    static func read(_ handle: FileHandle, size: Int, body: ([LineSplitter.Line]) -> Void) {
        var splitter = LineSplitter()
        var batch: [LineSplitter.Line] = []
        batch.reserveCapacity(size)
        func take(_ line: LineSplitter.Line) {
            if case .text(let bytes, _) = line, RecordLines.isBlank(bytes) { return }
            batch.append(line)
            if batch.count >= size {
                body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 256 * 1024) ?? Data() } catch {
                Terminal.fail("cannot read the input: \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            splitter.feed(chunk, emit: take)
        }
        splitter.finish(emit: take)
        if !batch.isEmpty { body(batch) }
    }
}
