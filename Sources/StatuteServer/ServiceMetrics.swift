import Metrics
import Prometheus

/// The service's metrics (docs/service.md `/metrics`), through swift-metrics with a Prometheus
/// factory owned by this server (no process-wide bootstrap, so tests can run several).
final class ServiceMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["statute_decision_duration_seconds"] = [
            .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        self.factory = factory
    }

    /// One HTTP request answered, by route pattern and status code.
    func request(route: String, status: Int) {
        Metrics.Counter(label: "statute_http_requests_total",
                dimensions: [("route", route), ("code", String(status))], factory: factory).increment()
    }

    /// One decision made (an evaluate, options or run line), by policy and outcome, and how long it took.
    func decision(policy: String, outcome: String, nanoseconds: Int64) {
        Metrics.Counter(label: "statute_decisions_total",
                dimensions: [("policy", policy), ("outcome", outcome)], factory: factory).increment()
        Metrics.Timer(label: "statute_decision_duration_seconds", dimensions: [], factory: factory)
            .recordNanoseconds(nanoseconds)
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
