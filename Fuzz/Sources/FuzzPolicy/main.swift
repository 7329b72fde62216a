import FuzzSupport
import Statute

/// Any bytes as a policy file: load and check (every diagnostic), render the diagnostics
/// in every format with the file as source, and for a policy that loads, its analysis,
/// docs and graphs. Must never crash, hang or leak control characters into text output.
@_cdecl("FuzzPolicy_main")
public func fuzzPolicyMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in
        let input = bytes(data, size)
        let report = SourceFileCheck.check(bytes: input, file: "fuzz.yaml")
        let source = String(decoding: input, as: UTF8.self)
        var renderer = DiagnosticRenderer(sources: { _ in source })
        for format in DiagnosticFormat.allCases {
            let text = renderer.render(report.diagnostics, format: format, files: 1)
            if format != .json, text.unicodeScalars.contains(where: { Escaping.isUnsafe($0) && $0 != "\n" }) {
                finding("a control character reached \(format) output")
            }
        }
        let loaded = PolicyLoader.load(bytes: input, file: "fuzz.yaml")
        if let policy = loaded.policy {
            _ = PolicyDocs.markdown(for: policy)
            _ = PolicyGraph.mermaid(for: policy)
            _ = PolicyGraph.dot(for: policy)
        }
        return 0
    }
}
