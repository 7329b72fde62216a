// Statute's benchmarks, run by package-benchmark (`make benchmark` from the repository
// root). Each micro-benchmark runs an inner loop of `scaledIterations`, so the time,
// throughput and allocation counts it prints are per evaluation / per record / per load.
import Benchmark
import BenchmarkSupport
import Statute

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 3,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )

    let fixture: Fixture
    do {
        fixture = try Fixture.load()
    } catch {
        fatalError("cannot set up the benchmarks: \(error)")
    }
    engineBenchmarks(fixture)
    ceilingBenchmarks(fixture)
    loadBenchmarks(fixture)
    syntheticLoadBenchmarks()
}

/// `Engine.evaluate` for a mix of records and requests, explain off and on.
func engineBenchmarks(_ fixture: Fixture) {
    let engine = fixture.engine
    let today = fixture.today
    let mix = fixture.mix

    for explain in [false, true] {
        let label = explain ? "explain on" : "explain off"
        Benchmark("Engine: mix of \(mix.count) records, \(label)") { benchmark in
            var index = 0
            for _ in benchmark.scaledIterations {
                let (record, request) = mix[index]
                blackHole(try? engine.evaluate(record, request: request, today: today, explain: explain))
                index = index + 1 == mix.count ? 0 : index + 1
            }
        }
    }
    // The floor: a record that nothing happens to (one settle pass, `next` computed).
    let quiet = Record(status: "active", facts: ["program.expires_after_months": .null])
    Benchmark("Engine: unchanged active record, explain off") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? engine.evaluate(quiet, today: today))
        }
    }
}

/// The same mix of records, hand-written (the ceiling) and through the engine, from
/// records and from prepared records. `statute-ratios` prints the ratios.
func ceilingBenchmarks(_ fixture: Fixture) {
    let engine = fixture.engine
    let today = fixture.today
    let notice = fixture.noticeDays
    let handWritten = fixture.handWrittenMix
    let prepared = fixture.preparedMix
    Benchmark("Ceiling: hand-written certification policy, mix of \(handWritten.count)") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            let (input, action) = handWritten[index]
            blackHole(HandWrittenCertification.evaluate(input, action, today: today, noticeDays: notice))
            index = index + 1 == handWritten.count ? 0 : index + 1
        }
    }
    Benchmark("Engine: mix of \(prepared.count) prepared records, explain off") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            let (record, request) = prepared[index]
            blackHole(try? engine.evaluate(record, request: request, today: today))
            index = index + 1 == prepared.count ? 0 : index + 1
        }
    }
}

/// Generated policies of 1,000 and 2,000 statuses: libyaml's raw event scan against
/// load + check + compile, with and without the static analysis.
func syntheticLoadBenchmarks() {
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal], warmupIterations: 1,
                                                scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 10)
    for statuses in [1_000, 2_000] {
        let synthetic = SyntheticLoad(statuses: statuses)
        Benchmark("Synthetic \(statuses): libyaml raw event scan", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(synthetic.scan()) }
        }
        Benchmark("Synthetic \(statuses): load + check + compile + analysis", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(synthetic.load(analyze: true).policy) }
        }
        Benchmark("Synthetic \(statuses): load + check + compile, no analysis", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(synthetic.load(analyze: false).policy) }
        }
    }
}

/// Reading, lowering, checking and compiling `policies/certification.yaml`.
func loadBenchmarks(_ fixture: Fixture) {
    let path = fixture.policyPath
    Benchmark("Load: read + check + compile certification.yaml",
              configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal],
                                   warmupIterations: 3, scalingFactor: .one,
                                   maxDuration: .seconds(3), maxIterations: 2_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(PolicyLoader.load(contentsOf: path).policy)
        }
    }
}
