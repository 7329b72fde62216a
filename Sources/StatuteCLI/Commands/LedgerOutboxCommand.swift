import ArgumentParser
import Dispatch
import Foundation
import Statute
import StatuteLedger

/// `statute ledger outbox [--state pending|delivered|dead|all] [--format text|json]`.
struct LedgerOutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List outbox entries (the effects to hand to the application), oldest first.",
        discussion: """
            --format json prints one object a line: {"key", "record", "policy", "effect", "transition", \
            "today", "payload", "attempts", "state", "last_error"?}. "key" is the entry's stable \
            idempotency key; "payload" holds the record's id, status, facts and set after the change.
            """
    )

    enum StateFilter: String, ExpressibleByArgument, CaseIterable {
        case pending, delivered, dead, all
    }

    @OptionGroup var store: LedgerStoreOptions

    @Option(help: "Which entries: pending, delivered, dead or all.")
    var state: StateFilter = .all

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let opened = try store.open()
        let filter = state == .all ? nil : OutboxState(rawValue: state.rawValue)
        var position: Int64 = 0
        var listed = 0
        while true {
            let after = position
            let entries = try LedgerAsync.wait { try await opened.outbox(state: filter, after: after, limit: 1000) }
            guard let last = entries.last else { break }
            var bytes: [UInt8] = []
            for entry in entries {
                if format == .json {
                    LedgerJSON.json(entry).write(to: &bytes)
                    bytes.append(UInt8(ascii: "\n"))
                } else {
                    var line = "\(entry.state.rawValue)  \(entry.effect)  record \(entry.record) (\(entry.policy))"
                    line += "  \(entry.transition) on \(entry.today)  attempts \(entry.attempts)  key \(entry.key)"
                    if let error = entry.lastError { line += "  last error: \(error)" }
                    bytes += Array((Escaping.controlCharacters(line) + "\n").utf8)
                }
            }
            listed += entries.count
            do { try Terminal.output.write(bytes: bytes) } catch { Terminal.fail(error.description) }
            position = last.position
        }
        if format == .text && listed == 0 { Terminal.out("no outbox entries\n") }
    }
}

/// `statute ledger deliver (--exec CMD | --webhook URL) [--once] [--jobs N] [--max-attempts N] [--lease SECONDS]`.
struct LedgerDeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Hand pending outbox entries to the application, oldest first, each until it succeeds.",
        discussion: """
            --exec runs CMD with /bin/sh -c, the entry JSON on stdin and STATUTE_IDEMPOTENCY_KEY, \
            STATUTE_EFFECT and STATUTE_RECORD set; exit status 0 means delivered. --webhook POSTs the \
            entry JSON with an Idempotency-Key header; a 2xx means delivered. A failed attempt is \
            retried later with exponential backoff; after --max-attempts the entry is dead (see \
            `statute ledger outbox --state dead`; --retry-dead puts dead entries back first). An entry \
            being delivered is leased for --lease seconds; if its deliverer dies, another takes it when \
            the lease runs out. Delivery is at least once: receivers drop repeats by key. --once \
            delivers what is pending and exits (exit status 1 when an attempt failed); otherwise it \
            keeps polling and stops cleanly on SIGTERM or SIGINT.
            """
    )

    @OptionGroup var store: LedgerStoreOptions

    @Option(name: .customLong("exec"), help: ArgumentHelp("Deliver by running this shell command.", valueName: "cmd"))
    var command: String?

    @Option(help: ArgumentHelp("Deliver by POSTing to this URL.", valueName: "url"))
    var webhook: String?

    @Flag(help: "Deliver what is pending now, then exit.")
    var once = false

    @Option(help: ArgumentHelp("Deliveries at once.", valueName: "n"))
    var jobs = 1

    @Option(name: .customLong("max-attempts"), help: ArgumentHelp("Attempts before an entry is dead.", valueName: "n"))
    var maxAttempts = 8

    @Option(help: ArgumentHelp("Seconds an entry is leased to this deliverer.", valueName: "seconds"))
    var lease = 60.0

    @Option(help: ArgumentHelp("Seconds before the second attempt; each later wait doubles, up to an hour.", valueName: "seconds"))
    var backoff = 10.0

    @Option(help: ArgumentHelp("Seconds between polls when nothing is pending (without --once).", valueName: "seconds"))
    var poll = 1.0

    @Option(help: ArgumentHelp("Seconds a --exec command may run before it is stopped and the attempt fails.", valueName: "seconds"))
    var timeout = 300.0

    @Flag(name: .customLong("retry-dead"), help: "Put dead entries back to pending before delivering.")
    var retryDead = false

    func validate() throws {
        if (command == nil) == (webhook == nil) { throw ValidationError("give one of --exec CMD or --webhook URL") }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256, got \(jobs)") }
        guard (1...1000).contains(maxAttempts) else { throw ValidationError("--max-attempts must be between 1 and 1000, got \(maxAttempts)") }
        guard lease > 0, lease <= 86_400 else { throw ValidationError("--lease must be between 0 and 86400 seconds") }
        guard backoff >= 0, backoff <= 86_400 else { throw ValidationError("--backoff must be between 0 and 86400 seconds") }
        guard poll > 0, poll <= 3600 else { throw ValidationError("--poll must be between 0 and 3600 seconds") }
        guard timeout > 0 else { throw ValidationError("--timeout must be above 0 seconds") }
    }

    func deliverer() throws(CLIError) -> any Deliverer {
        if let command { return ExecDeliverer(command: command, timeout: timeout) }
        do {
            return try WebhookDeliverer(url: webhook ?? "")
        } catch {
            throw .couldNotWork(error.description)
        }
    }

    func run() throws {
        let opened = try store.open()
        let delivery = OutboxDelivery(store: opened, deliverer: try deliverer(),
                                      policy: DeliveryPolicy(maxAttempts: maxAttempts, leaseSeconds: lease,
                                                             firstBackoff: backoff, maxBackoff: max(backoff, 3600)))
        if retryDead {
            let count = try LedgerAsync.wait { try await opened.retryDead(now: Date()) }
            Terminal.error("\(count) dead entr\(count == 1 ? "y" : "ies") put back to pending")
        }
        let stop = StopSignal()
        var total = DeliveryRound()
        let jobs = jobs
        while !stop.requested {
            let round = try LedgerAsync.wait { try await delivery.round(jobs: jobs) }
            total.delivered += round.delivered
            total.failed += round.failed
            total.dead += round.dead
            if round.taken > 0 { continue }
            if once { break }
            stop.sleep(poll)
        }
        Terminal.error("delivered \(total.delivered), failed \(total.failed) (to retry), dead \(total.dead)")
        if once && total.failed + total.dead > 0 { throw ExitCode.answerIsNo }
    }
}

/// SIGTERM and SIGINT, noticed between deliveries rather than killing the process in one.
private final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private let sources: [DispatchSourceSignal]

    init() {
        let queue = DispatchQueue(label: "statute.deliver.signals")
        var made: [DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            made.append(source)
        }
        sources = made
        for source in sources {
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
        }
    }

    private func request() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    var requested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Sleeps up to `seconds`, waking early when a stop is requested.
    func sleep(_ seconds: Double) {
        let end = Date().addingTimeInterval(seconds)
        while !requested, Date() < end { usleep(20_000) }
    }
}
