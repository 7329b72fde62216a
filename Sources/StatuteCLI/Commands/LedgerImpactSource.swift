import Foundation
import Statute
import StatuteLedger

/// `statute impact --store URL`: the policy's stored records, read as `ledger export` writes
/// them, through a pipe that `impact` reads like a records file (flat memory: a page of
/// records at a time).
enum LedgerImpactSource {
    static func handle(store options: LedgerStoreOptions, policy: String) throws(CLIError) -> FileHandle {
        let store = try options.open()
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        Thread.detachNewThread {
            var after: String?
            while true {
                let cursor = after
                let records: [StoredRecord]
                do {
                    records = try LedgerAsync.wait { try await store.records(policy: policy, after: cursor, limit: 1000) }
                } catch let error as CLIError {
                    Terminal.exit(error.exitCode, message: error.message)
                } catch {
                    Terminal.exit(2, message: "error: \(error)")
                }
                guard let last = records.last else { break }
                var bytes: [UInt8] = []
                for record in records {
                    LedgerJSON.exportLine(record).write(to: &bytes)
                    bytes.append(UInt8(ascii: "\n"))
                }
                do { try writer.write(contentsOf: bytes) } catch { break }
                after = last.id
            }
            try? writer.close()
        }
        return pipe.fileHandleForReading
    }
}
