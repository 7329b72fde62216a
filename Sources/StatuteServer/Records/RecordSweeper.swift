import Foundation
import Logging
import ServiceLifecycle
import Statute
import StatuteLedger

/// `--sweep-every`: sweeps the records of every served policy at once when the server starts,
/// then every `period`, as `statute ledger sweep` does (so any number of replicas may sweep
/// one PostgreSQL store: they share the due records out). A failed sweep is logged and tried
/// again at the next period. At graceful shutdown it sweeps no further policy and waits no
/// longer; a policy's sweep under way finishes first (each batch is its own transaction).
struct RecordSweeper: Service {
    let policies: PolicyStore
    let backend: RecordsBackend
    let period: Duration
    let logger: Logger

    func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    await sweepOnce()
                    do { try await Task.sleep(for: period) } catch { return }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// Sweeps each served policy once; returns the summaries by policy name.
    @discardableResult
    func sweepOnce() async -> [String: SweepSummary] {
        var summaries: [String: SweepSummary] = [:]
        for entry in policies.all() {
            guard let version = entry.serving, !Task.isCancelled else { continue }
            do {
                let ledger = try await backend.ledger(name: entry.name, version: version)
                let summary = try await ledger.sweep(today: backend.today())
                summaries[entry.name] = summary
                for error in summary.errors.prefix(20) {
                    logger.warning("sweep of \(entry.name): record \(Escaping.shortened(error.id)) left as it was: \(error.code): \(error.message)")
                }
            } catch let error as ServiceError {
                logger.warning("sweep of \(entry.name) could not run: \(error.message)")
            } catch {
                logger.warning("sweep of \(entry.name) could not run: \(RecordsBackend.message(error))")
            }
        }
        return summaries
    }
}

/// How `--sweep-every` is written: a whole number and a unit, `s`, `m`, `h` or `d`
/// (`30s`, `15m`, `1h`, `1d`); a bare number is seconds. At least one second, at most a year.
package enum SweepPeriod {
    package static func parse(_ text: String) -> Result<Duration, ServerSetupError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int64)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        var number = Substring(trimmed)
        var seconds: Int64 = 1
        if let unit = units.first(where: { trimmed.hasSuffix($0.0) }) {
            number = trimmed.dropLast(unit.0.count)
            seconds = unit.1
        }
        guard !number.isEmpty, number.allSatisfy(\.isASCIIDigit), number.count <= 8, let value = Int64(number),
              value >= 1, value * seconds <= 366 * 86_400 else {
            return .failure(ServerSetupError("--sweep-every must be a whole number and a unit — 30s, 15m, 1h, 1d — "
                + "from 1 second to a year, not `\(Escaping.shortened(text, limit: 40))`"))
        }
        return .success(.seconds(value * seconds))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Closes the store's connections once everything else has stopped.
struct StoreClosingService: Service {
    let backend: RecordsBackend

    func run() async throws {
        try? await gracefulShutdown()
        await backend.close()
    }
}
