import Statute

/// What a `statute_engine *` points to: a loaded policy's ``DecisionMaker`` — its engine
/// and the settings it was loaded with (a request's `settings` override these for that
/// request).
///
/// Immutable and `Sendable`, so any number of threads may use one box at once. The C
/// handle is an `Unmanaged` pointer to it, retained by the load functions and released
/// by `statute_engine_free`.
final class EngineBox: Sendable {
    /// The engine with the load-time settings, and the settings.
    let maker: DecisionMaker

    init(maker: DecisionMaker) {
        self.maker = maker
    }

    /// The opaque C handle for a new box; the caller owns one retain.
    func retainedHandle() -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(self).toOpaque())
    }

    /// The box behind a handle, without changing its retain count; `nil` for NULL.
    static func borrow(_ handle: OpaquePointer?) -> EngineBox? {
        guard let handle else { return nil }
        return Unmanaged<EngineBox>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
    }

    /// Releases the retain taken by ``retainedHandle()``; NULL is ignored.
    static func release(_ handle: OpaquePointer?) {
        guard let handle else { return }
        Unmanaged<EngineBox>.fromOpaque(UnsafeRawPointer(handle)).release()
    }
}
