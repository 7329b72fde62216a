import ServiceLifecycle
import UnixSignals

/// Hot reload (docs/service.md): checks the policy files every `interval` (modification time and
/// size, then the digest), and at once on SIGHUP. Runs until graceful shutdown.
struct PolicyWatcher: Service {
    let store: PolicyStore
    let interval: Duration
    let trapSIGHUP: Bool

    func run() async throws {
        await withDiscardingTaskGroup { group in
            if trapSIGHUP {
                group.addTask {
                    let signals = await UnixSignalsSequence(trapping: .sighup)
                    for await _ in signals.cancelOnGracefulShutdown() {
                        store.refresh(force: true)
                    }
                }
            }
            if interval > .zero {
                group.addTask {
                    while !Task.isCancelled && !Task.isShuttingDownGracefully {
                        do { try await Task.sleep(for: interval) } catch { return }
                        store.refresh(force: false)
                    }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}

/// Closes the decision log once everything else has stopped (it is the first service
/// listed, so graceful shutdown reaches it last, after the last request was answered).
struct DecisionLogService: Service {
    let log: DecisionLog?

    func run() async throws {
        try? await gracefulShutdown()
        log?.close()
    }
}
