import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// Thrown for a query on a connection that closed before the query was answered.
struct PostgresConnectionLost: Error {}

/// One connection of the store, and the queries it has not answered yet.
///
/// postgres-nio (1.33.2) hands a query to its connection with `channel.write(_:promise: nil)`.
/// When the server has closed the connection since the last query — a PostgreSQL shutting
/// down between two statements of a sweep — that write fails unseen and the query waits
/// forever. So every query of the store starts here: it waits for its first answer or for
/// the connection to close, whichever comes first, and a closed connection is an error at
/// once instead of a process that never ends.
final class PostgresSession: Sendable {
    let connection: PostgresConnection
    private let state = Mutex(State())

    private struct State {
        var closed = false
        var lastTicket = 0
        var waiting: [Int: CheckedContinuation<PostgresRowSequence, any Error>] = [:]
    }

    /// How long a query may still be answered after its connection closed: the server's own
    /// error (a shutdown's "terminating connection") says more than "the connection closed".
    private static let answerGrace = TimeAmount.milliseconds(200)

    init(_ connection: PostgresConnection) {
        self.connection = connection
        let loop = connection.closeFuture.eventLoop
        connection.closeFuture.whenComplete { [weak self] _ in
            self?.state.withLock { $0.closed = true }
            loop.scheduleTask(in: Self.answerGrace) { self?.failWaiting() }
        }
    }

    /// Whether the connection can no longer be used.
    var isClosed: Bool {
        connection.isClosed || state.withLock { $0.closed }
    }

    /// Starts `query`; its rows, or the error that ended it — ``PostgresConnectionLost`` when
    /// the connection closed first.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await withCheckedThrowingContinuation { continuation in
            let isOpen = !connection.isClosed
            let ticket: Int? = state.withLock { state in
                guard isOpen, !state.closed else { return nil }
                state.lastTicket += 1
                state.waiting[state.lastTicket] = continuation
                return state.lastTicket
            }
            guard let ticket else {
                continuation.resume(throwing: PostgresConnectionLost())
                return
            }
            let connection = connection
            Task {
                let result: Result<PostgresRowSequence, any Error>
                do {
                    result = .success(try await connection.query(query, logger: logger))
                } catch {
                    result = .failure(error)
                }
                self.answer(ticket, with: result)
            }
        }
    }

    /// Runs a query and collects its rows, each turned into a value by `transform`.
    func all<T>(_ query: PostgresQuery, logger: Logger, _ transform: (PostgresRow) throws -> T) async throws -> [T] {
        var values: [T] = []
        for try await row in try await rows(query, logger: logger) {
            values.append(try transform(row))
        }
        return values
    }

    /// Runs a statement and counts the rows it returned (`RETURNING 1` counts the rows changed).
    func count(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        var count = 0
        for try await _ in try await rows(query, logger: logger) { count += 1 }
        return count
    }

    /// Runs a statement whose rows are not needed.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await rows(query, logger: logger) {}
    }

    /// Closes the connection; an error (it was closed already) is of no interest.
    func close() async {
        try? await connection.close()
    }

    private func answer(_ ticket: Int, with result: Result<PostgresRowSequence, any Error>) {
        let continuation = state.withLock { $0.waiting.removeValue(forKey: ticket) }
        continuation?.resume(with: result)
    }

    private func failWaiting() {
        let waiting = state.withLock { state in
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for continuation in waiting { continuation.resume(throwing: PostgresConnectionLost()) }
    }
}

/// A transaction that failed, and where: its `BEGIN`, its statements (and then perhaps its
/// `ROLLBACK`), or its `COMMIT` — after which whether it was written is unknown.
struct PostgresTransactionFailure: Error {
    var beginError: (any Error)?
    var closureError: (any Error)?
    var rollbackError: (any Error)?
    var commitError: (any Error)?
}

extension PostgresSession {
    /// Runs `body` in one transaction: `BEGIN`, then `COMMIT`, or `ROLLBACK` when it throws.
    func transaction<T>(logger: Logger, _ body: (PostgresSession) async throws -> T) async throws -> T {
        do {
            try await run("BEGIN", logger: logger)
        } catch {
            throw PostgresTransactionFailure(beginError: error)
        }
        let value: T
        do {
            value = try await body(self)
        } catch {
            var failure = PostgresTransactionFailure(closureError: error)
            do {
                try await run("ROLLBACK", logger: logger)
            } catch {
                failure.rollbackError = error
            }
            throw failure
        }
        do {
            try await run("COMMIT", logger: logger)
        } catch {
            throw PostgresTransactionFailure(commitError: error)
        }
        return value
    }
}
