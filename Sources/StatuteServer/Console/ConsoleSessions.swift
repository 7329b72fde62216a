import Foundation
import Synchronization

/// The console's sign-in sessions, kept by the server: each is a random id (256 bits, from
/// the system's generator) that expires a fixed time after sign-in and ends at sign-out.
/// The id says nothing about the token; a restart ends every session. A session knows the
/// person who signed in with their own token (none for the server's token) and holds its
/// own random form key, which every form that changes a record must send back.
final class ConsoleSessions: Sendable {
    /// One live session.
    struct Session: Sendable {
        var expiry: ContinuousClock.Instant
        /// Who signed in, when it was with a personal token.
        var person: Person?
        /// The key a changing form carries (against cross-site requests).
        var formKey: String
    }

    /// How long a session lasts after sign-in.
    let lifetime: Duration
    /// The most sessions kept at once; signing in beyond it ends the oldest.
    let capacity: Int
    private let sessions = Mutex<[String: Session]>([:])

    init(lifetime: Duration = .seconds(12 * 60 * 60), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Starts a session and returns its id.
    func start(person: Person? = nil) -> String {
        let id = Self.randomKey()
        let now = ContinuousClock.now
        let session = Session(expiry: now.advanced(by: lifetime), person: person, formKey: Self.randomKey())
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.expiry > now }
            if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.expiry < $1.value.expiry })?.key {
                sessions[oldest] = nil
            }
            sessions[id] = session
        }
        return id
    }

    /// The live session `id`, if it has neither expired nor ended.
    func session(_ id: String) -> Session? {
        let now = ContinuousClock.now
        return sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            if session.expiry <= now { sessions[id] = nil; return nil }
            return session
        }
    }

    /// 256 bits from the system's generator, as hex.
    static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// Whether `id` is a session that has neither expired nor ended.
    func isValid(_ id: String) -> Bool {
        session(id) != nil
    }

    /// Ends the session `id` (signing out); nothing when there is none.
    func end(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// How many sessions are live.
    var count: Int {
        let now = ContinuousClock.now
        return sessions.withLock { $0.values.filter { $0.expiry > now }.count }
    }
}
