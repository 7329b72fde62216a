import Foundation
import Synchronization

/// The console's sign-in sessions, kept by the server: each is a random id (256 bits, from
/// the system's generator) that expires a fixed time after sign-in and ends at sign-out.
/// The id says nothing about the token; a restart ends every session.
final class ConsoleSessions: Sendable {
    /// How long a session lasts after sign-in.
    let lifetime: Duration
    /// The most sessions kept at once; signing in beyond it ends the oldest.
    let capacity: Int
    private let sessions = Mutex<[String: ContinuousClock.Instant]>([:])

    init(lifetime: Duration = .seconds(12 * 60 * 60), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Starts a session and returns its id.
    func start() -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
        let now = ContinuousClock.now
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value > now }
            if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value < $1.value })?.key {
                sessions[oldest] = nil
            }
            sessions[id] = now.advanced(by: lifetime)
        }
        return id
    }

    /// Whether `id` is a session that has neither expired nor ended.
    func isValid(_ id: String) -> Bool {
        let now = ContinuousClock.now
        return sessions.withLock { sessions in
            guard let expiry = sessions[id] else { return false }
            if expiry <= now { sessions[id] = nil; return false }
            return true
        }
    }

    /// Ends the session `id` (signing out); nothing when there is none.
    func end(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// How many sessions are live.
    var count: Int {
        let now = ContinuousClock.now
        return sessions.withLock { $0.values.filter { $0 > now }.count }
    }
}
