// swift-tools-version: 6.1
// Statute's benchmarks: a separate package, so that the main package's build and CI never
// fetch or compile the benchmark framework. Run with `make benchmark` from the repository
// root, or `swift package benchmark` here.
import PackageDescription

let package = Package(
    name: "StatuteBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Statute", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1",
                 traits: ["MallocInterposer"]),
    ],
    targets: [
        // What the benchmarks and the ratio table share: the default-policy fixture, the
        // hand-written policy, libyaml's raw scan and the generated policies.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "Statute", package: "Statute"),
                .product(name: "StatuteSynthetic", package: "Statute"),
            ]
        ),
        // `swift run -c release statute-ratios`: Statute against its references, side by side.
        .executableTarget(
            name: "statute-ratios",
            dependencies: ["BenchmarkSupport", .product(name: "StatuteSynthetic", package: "Statute")],
            path: "Sources/StatuteRatios"
        ),
        // `handwritten-run`: the reference pipeline `statute run` is measured against
        // (Foundation's JSONDecoder in, the policy as switch statements, JSON written by hand).
        .executableTarget(
            name: "handwritten-run",
            dependencies: ["BenchmarkSupport"],
            path: "Sources/HandWrittenRun"
        ),
        // package-benchmark finds benchmark targets under `Benchmarks/<target>/`.
        .executableTarget(
            name: "StatuteBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Statute", package: "Statute"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/StatuteBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
