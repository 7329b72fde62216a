import Metrics
import Prometheus
import Synchronization

/// The service's metrics (docs/service.md `/metrics`), through swift-metrics with a Prometheus
/// factory owned by this server (no process-wide bootstrap, so tests can run several).
///
/// Each counter is made once, the first time its labels are seen, and kept: making one
/// through the factory looks it up in the registry (labels sorted, a key built, the
/// registry's lock taken) — work that was a large part of a request's cost when done for
/// every request. Counting is then one atomic add.
final class ServiceMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    private struct RequestKey: Hashable {
        var route: String
        var status: Int
    }

    private struct DecisionKey: Hashable {
        var policy: String
        var outcome: String
    }

    private let requestCounters = Mutex<[RequestKey: Metrics.Counter]>([:])
    private let decisionCounters = Mutex<[DecisionKey: Metrics.Counter]>([:])
    private let durations: Metrics.Timer

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["statute_decision_duration_seconds"] = [
            .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        self.factory = factory
        durations = Metrics.Timer(label: "statute_decision_duration_seconds", dimensions: [], factory: factory)
    }

    /// One HTTP request answered, by route pattern and status code.
    func request(route: String, status: Int) {
        let key = RequestKey(route: route, status: status)
        let factory = self.factory
        requestCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Metrics.Counter(label: "statute_http_requests_total",
                                          dimensions: [("route", route), ("code", String(status))], factory: factory)
            counters[key] = counter
            return counter
        }.increment()
    }

    /// One decision made (an evaluate, options or run line), by policy and outcome, and how long it took.
    func decision(policy: String, outcome: String, nanoseconds: Int64) {
        decisions(policy: policy, outcome: outcome, count: 1)
        durations.recordNanoseconds(nanoseconds)
    }

    /// `count` decisions of one policy with the same outcome (a `run` counts each part of
    /// its body at once); their durations are recorded one by one with ``duration(nanoseconds:)``.
    func decisions(policy: String, outcome: String, count: Int) {
        guard count > 0 else { return }
        let key = DecisionKey(policy: policy, outcome: outcome)
        let factory = self.factory
        decisionCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Metrics.Counter(label: "statute_decisions_total",
                                          dimensions: [("policy", policy), ("outcome", outcome)], factory: factory)
            counters[key] = counter
            return counter
        }.increment(by: Int64(count))
    }

    /// How long one decision took.
    func duration(nanoseconds: Int64) {
        durations.recordNanoseconds(nanoseconds)
    }

    /// One reload of a policy file, by policy and result (`loaded`, `rejected`, `unchanged`).
    func reload(policy: String, result: String) {
        Metrics.Counter(label: "statute_reloads_total",
                dimensions: [("policy", policy), ("result", result)], factory: factory).increment()
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
