// swift-tools-version: 6.1
// libFuzzer harnesses for Statute: a separate package (a path dependency on the library),
// so the main package's build never sees the sanitizer flags. Build and run them with
// `make fuzz SECONDS=600` from the repository root; see docs/reliability.md.
import PackageDescription

let harness: [Target.Dependency] = [.product(name: "Statute", package: "Statute"), "FuzzSupport"]

let package = Package(
    name: "StatuteFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Statute", path: "..")],
    targets: [
        // The libFuzzer entry point shared by every harness.
        .target(name: "FuzzSupport"),
        // Policy loading, checking, analysis, docs and graphs.
        .executableTarget(name: "FuzzPolicy", dependencies: harness),
        // Expressions: parse, check, evaluate plain and traced (they must agree).
        .executableTarget(name: "FuzzExpression", dependencies: harness),
        // JSON Lines records through `RecordLines.evaluate(bytes:line:)`.
        .executableTarget(name: "FuzzRecords", dependencies: harness),
        // Test files: lowering, binding to a policy, running, reports.
        .executableTarget(name: "FuzzTestFile", dependencies: harness),
    ],
    swiftLanguageModes: [.v6]
)
