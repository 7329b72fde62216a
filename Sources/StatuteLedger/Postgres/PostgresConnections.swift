import Logging
import PostgresNIO

/// Thrown for work asked of a store after ``PostgresStore/close()``.
struct PostgresConnectionsClosed: Error {}

/// A small pool of connections to one PostgreSQL database: at most `limit` open at once,
/// made when first needed, kept for reuse, and dropped when they break (a restarted server
/// leaves only broken ones behind; the next use connects afresh). A connection that cannot
/// be made is an error at once — no waiting on a database that is not there.
actor PostgresConnections {
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let limit: Int
    /// Statements run on every new connection (session settings).
    private let setup: [String]
    private var idle: [PostgresSession] = []
    private var open = 0
    private var nextID = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    init(configuration: PostgresConnection.Configuration, limit: Int, setup: [String], logger: Logger) {
        self.configuration = configuration
        self.limit = max(1, limit)
        self.setup = setup
        self.logger = logger
    }

    /// A connection for one piece of work; give it back with ``release(_:broken:)``.
    func acquire() async throws -> PostgresSession {
        while true {
            if closed { throw PostgresConnectionsClosed() }
            if let session = idle.popLast() {
                if session.isClosed {
                    open -= 1
                    await session.close()
                    continue
                }
                return session
            }
            if open < limit {
                open += 1
                nextID += 1
                do {
                    let session = PostgresSession(try await PostgresConnection.connect(
                        configuration: configuration, id: nextID, logger: logger))
                    do {
                        for statement in setup {
                            try await session.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                    } catch {
                        await session.close()
                        throw error
                    }
                    return session
                } catch {
                    open -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    /// Takes a connection back: kept for reuse unless it is broken or the pool is closed.
    func release(_ session: PostgresSession, broken: Bool) async {
        if broken || closed || session.isClosed {
            open -= 1
            await session.close()
        } else {
            idle.append(session)
        }
        wakeOne()
    }

    /// Closes every idle connection; connections in use are closed as they come back.
    func close() async {
        closed = true
        let connections = idle
        idle.removeAll()
        open -= connections.count
        for session in connections { await session.close() }
        for waiter in waiting { waiter.resume() }
        waiting.removeAll()
    }

    /// A pool dropped without ``close()`` (a store its owner never closed) still closes its
    /// idle connections: a task keeps them until each is closed, as postgres-nio requires.
    deinit {
        let connections = idle
        guard !connections.isEmpty else { return }
        Task { for session in connections { await session.close() } }
    }

    private func wakeOne() {
        if !waiting.isEmpty { waiting.removeFirst().resume() }
    }
}
