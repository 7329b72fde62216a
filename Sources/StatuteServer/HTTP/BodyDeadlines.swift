import Hummingbird
import Synchronization

/// Reads whole request bodies within the request timeout (408) without a timer per request.
///
/// Each body is read by a task of its own, registered here with its deadline; one sweeper
/// task, running only while bodies are being read, wakes every ``sweepInterval`` and cancels
/// the reads whose deadline has passed, so a timeout ends at most one interval late. (A
/// child task sleeping for the whole timeout beside each read, as a task group race does,
/// cost a timer and three task switches per request, most of them after the body had long
/// arrived.)
final class BodyDeadlines: Sendable {
    private struct Reading {
        var deadline: ContinuousClock.Instant
        var task: Task<ByteBuffer, any Error>
    }

    private struct State {
        var next = 0
        var reading: [Int: Reading] = [:]
        var timedOut: Set<Int> = []
        var sweeping = false
    }

    private let state = Mutex(State())
    let sweepInterval: Duration

    init(sweepInterval: Duration = .milliseconds(250)) {
        self.sweepInterval = sweepInterval
    }

    /// The whole body, at most `limit` bytes (413), read within `timeout` (408).
    func collect(_ request: Request, limit: Int, timeout: Duration) async throws -> [UInt8] {
        try RequestBodies.checkDeclaredLength(request, limit: limit)
        let body = request.body
        let task = Task<ByteBuffer, any Error> {
            do {
                return try await body.collect(upTo: limit)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw ServiceError.tooLarge(limit: limit)
            }
        }
        let deadline = ContinuousClock.now + timeout
        let (id, startSweeper) = state.withLock { state in
            let id = state.next
            state.next += 1
            state.reading[id] = Reading(deadline: deadline, task: task)
            let start = !state.sweeping
            state.sweeping = true
            return (id, start)
        }
        if startSweeper { Task { await self.sweep() } }
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
        let timedOut = state.withLock { state in
            state.reading[id] = nil
            return state.timedOut.remove(id) != nil
        }
        if timedOut { throw ServiceError.timeout }
        return Array(try result.get().readableBytesView)
    }

    /// Cancels the reads past their deadline, every ``sweepInterval``, until none is left.
    private func sweep() async {
        while true {
            try? await Task.sleep(for: sweepInterval)
            let now = ContinuousClock.now
            let done = state.withLock { state -> Bool in
                for (id, reading) in state.reading where reading.deadline <= now && !state.timedOut.contains(id) {
                    state.timedOut.insert(id)
                    reading.task.cancel()
                }
                if state.reading.isEmpty {
                    state.sweeping = false
                    return true
                }
                return false
            }
            if done { return }
        }
    }
}
