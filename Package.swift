// swift-tools-version: 6.1
import PackageDescription

/// `STATUTE_LIBRARY_ONLY=1` (CI's ThreadSanitizer pass, `make sanitize-ci`): only the library
/// and its main test target, so the sanitizer build leaves out the server's dependencies.
/// `STATUTE_FUZZ=1` (`make fuzz`): the library and the libFuzzer harnesses of `Fuzz/`, which
/// reach the library's `package` declarations from inside the package; built in their own
/// folder (`.build-fuzz`) with the fuzzer and address sanitizers.
let fuzzing = Context.environment["STATUTE_FUZZ"] != nil
let libraryOnly = Context.environment["STATUTE_LIBRARY_ONLY"] != nil || fuzzing
/// Left out then: the CLI, the server, the C ABI, and every test target but `StatuteTests`
/// (where the engine and concurrency tests are).
let leftOut: Set<String> = libraryOnly
    ? ["StatuteCLI", "StatuteServer", "StatuteCABI", "StatuteServerTests", "StatuteCABITests",
       "StatuteCoreTests", "StatuteYAMLTests", "StatuteCLITests", "StatuteLanguageServerTests",
       "StatuteLedger", "StatuteLedgerTests"] : []

/// Every module's imports are internal unless written `public import`, so no module leaks
/// its dependencies' types into its public API by accident.
let strictImports: [SwiftSetting] = [.enableUpcomingFeature("InternalImportsByDefault")]

let package = Package(
    name: "Statute",
    // `Mutex` and `Atomic` (Synchronization), used by the server, need macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Statute", targets: ["Statute"]),
        .executable(name: "statute", targets: ["StatuteCLI"]),
        // The HTTP decision service behind `statute serve` (docs/service.md).
        .library(name: "StatuteServer", targets: ["StatuteServer"]),
        // The C ABI (docs/embedding.md); `make lib` leaves it as dist/libstatute.so with include/statute.h.
        .library(name: "StatuteC", type: .dynamic, targets: ["StatuteCABI"]),
        // Generated policies of any size, for the benchmarks and the large-policy test.
        .library(name: "StatuteSynthetic", targets: ["StatuteSynthetic"]),
        // The ledger (docs/ledger.md): stored records, the sweep, history and the outbox.
        .library(name: "StatuteLedger", targets: ["StatuteLedger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // The decision service only (StatuteServer); the Statute library depends on none of these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // The service's one channel handler of its own (`100 Continue`) sees HTTP parts.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The status console's HTML templates (StatuteServer only).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The ledger's embedded store (StatuteLedger only; needs the system SQLite, Debian `libsqlite3-dev`).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The ledger's PostgreSQL store and its webhook deliverer (StatuteLedger only).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // The system libyaml (Debian `libyaml-dev`, pkg-config `yaml-0.1`).
        .systemLibrary(
            name: "CLibYAML",
            path: "Sources/CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Spans, diagnostics, values, the policy model, expressions, analysis and the engine.
        // Knows nothing about YAML, files or the terminal.
        .target(name: "StatuteCore", swiftSettings: strictImports),
        // libyaml events -> a node tree with source positions.
        .target(name: "StatuteYAML", dependencies: ["StatuteCore", "CLibYAML"], swiftSettings: strictImports),
        // The façade: load policies and test files, read input records, run tests,
        // render diagnostics, results, docs, graphs and schemas.
        .target(name: "Statute", dependencies: ["StatuteCore", "StatuteYAML"], swiftSettings: strictImports),
        // Graphviz's C library (Debian `libgraphviz-dev`, pkg-config `libgvc`): the status
        // console's lifecycle diagrams. Used by the server target only, never by the library.
        .systemLibrary(
            name: "CGraphviz",
            path: "Sources/CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        // The HTTP decision service (`statute serve`, docs/service.md): Hummingbird routes,
        // hot reload, decision log, metrics.
        .target(
            name: "StatuteServer",
            dependencies: [
                "Statute",
                // The records routes, the console's record pages and the sweeper (`--store`).
                "StatuteLedger",
                // The users file (`--users`), read with positions.
                "StatuteYAML",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                "CGraphviz",
            ],
            // Embedded in the binary: the OpenAPI document (a link to docs/openapi.json) and
            // the console's templates, style sheet and script.
            resources: ["openapi.json", "console.css", "console.js", "layout.mustache", "policies.mustache",
                        "policy.mustache", "decide.mustache", "field.mustache", "login.mustache", "message.mustache",
                        "record.mustache"]
                .map { .embedInCode("Resources/\($0)") },
            swiftSettings: strictImports
        ),
        // The ledger (docs/ledger.md): records kept in a store, the sweep, history, the
        // outbox and its delivery. The Statute library does not depend on it.
        .target(
            name: "StatuteLedger",
            dependencies: [
                "Statute",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictImports
        ),
        // The language server behind `statute lsp` (docs/editors.md): JSON-RPC over stdio,
        // diagnostics, hover, navigation, completion, quick fixes, outline and rename.
        .target(name: "StatuteLanguageServer", dependencies: ["Statute"], swiftSettings: strictImports),
        // The `statute` command line: argv, stdout/stderr and exit codes only.
        .executableTarget(
            name: "StatuteCLI",
            dependencies: [
                "Statute",
                "StatuteServer",
                "StatuteLanguageServer",
                "StatuteLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictImports
        ),
        // The C ABI: `@_cdecl` functions over JSON text; `make lib` builds libstatute.so.
        .target(name: "StatuteCABI", dependencies: ["Statute", "StatuteYAML"], exclude: ["libstatute.map"], swiftSettings: strictImports),
        .testTarget(
            name: "StatuteCoreTests",
            dependencies: [
                "StatuteCore",
                "StatuteTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // Helpers shared by the test targets.
        .target(name: "StatuteTestSupport", path: "Tests/StatuteTestSupport"),
        .testTarget(name: "StatuteYAMLTests", dependencies: ["StatuteYAML", "StatuteTestSupport"], exclude: ["Fixtures"]),
        // Synthetic policies of N statuses (no dependencies: it writes YAML text).
        .target(name: "StatuteSynthetic", swiftSettings: strictImports),
        .testTarget(name: "StatuteTests", dependencies: ["Statute", "StatuteTestSupport", "StatuteSynthetic"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "StatuteCLITests", dependencies: ["Statute", "StatuteTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "StatuteServerTests",
            dependencies: [
                "StatuteServer",
                "StatuteTestSupport",
                "StatuteLedger",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "StatuteLanguageServerTests", dependencies: ["StatuteLanguageServer", "Statute"]),
        .testTarget(name: "StatuteCABITests", dependencies: ["StatuteCABI", "Statute", "StatuteTestSupport"]),
        .testTarget(
            name: "StatuteLedgerTests",
            dependencies: [
                "StatuteLedger", "Statute", "StatuteTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

if fuzzing {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/Sources/FuzzSupport"))
    for harness in ["FuzzPolicy", "FuzzExpression", "FuzzRecords", "FuzzTestFile"] {
        package.targets.append(.executableTarget(name: harness, dependencies: ["Statute", "FuzzSupport"],
                                                 path: "Fuzz/Sources/\(harness)"))
    }
    package.targets.append(.executableTarget(name: "FuzzLanguageServer",
                                             dependencies: ["StatuteLanguageServer", "Statute", "FuzzSupport"],
                                             path: "Fuzz/Sources/FuzzLanguageServer"))
}

if libraryOnly {
    package.targets.removeAll { leftOut.contains($0.name) }
    package.products.removeAll { ["statute", "StatuteServer", "StatuteC", "StatuteLedger"].contains($0.name) }
}
