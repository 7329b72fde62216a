// swift-tools-version: 6.1
// An embedding example: a nightly job that re-evaluates every enrollment against the
// default certification policy. It depends on the Statute library by path, as a host
// application inside the same repository would.
import PackageDescription

let package = Package(
    name: "nightly-reevaluation",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Statute", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "nightly-reevaluation",
            dependencies: [.product(name: "Statute", package: "Statute")]
        ),
        // The README's embedding snippet, kept compiling.
        .executableTarget(
            name: "readme-embedding",
            dependencies: [.product(name: "Statute", package: "Statute")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
