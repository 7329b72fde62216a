// The generated policy of N statuses (default 2,000) the language-server benchmark edits:
// `SyntheticPolicy`, the generator of the load benchmarks, compiled on its own (it has no
// dependencies) so that the benchmark needs no build of the benchmark package.
//   swiftc -O Sources/StatuteSynthetic/SyntheticPolicy.swift Benchmarks/lsp/generate/main.swift -o generate
let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000
print(SyntheticPolicy.yaml(statuses: count), terminator: "")
