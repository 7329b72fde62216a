import Foundation
import FuzzSupport
import Statute

/// A folder holding the default policy, where each input is written as a test file.
enum Setup {
    static let folder: String = {
        let folder = NSTemporaryDirectory() + "statute-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try? FileManager.default.removeItem(atPath: folder + "/certification.yaml")
        guard (try? FileManager.default.copyItem(atPath: RepositoryFiles.certificationPolicy,
                                                 toPath: folder + "/certification.yaml")) != nil else {
            finding("cannot copy the default policy")
        }
        return folder
    }()
    static let today = CalendarDate(iso: "2026-03-01")!
}

/// Any bytes as a policy test file next to the default policy: checked, run, and reported
/// as text, JSON and JUnit. Must never crash or hang; reports never carry raw control
/// characters.
@_cdecl("FuzzTestFile_main")
public func fuzzTestFileMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in
        let path = Setup.folder + "/t.test.yaml"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes(data, size))) else { return 0 }
        let result = PolicyTestRunner.run(path: path, defaultToday: Setup.today)
        let junit = TestReportJUnit.render([result])
        let text = TestReportText.render([result], coverage: CoverageAnalysis.coverage(of: [result])) { diagnostics in
            var renderer = DiagnosticRenderer()
            return diagnostics.map { renderer.text($0) }.joined()
        }
        _ = TestReportJSON.render([result], coverage: nil).rendered()
        for (name, report) in [("junit", junit), ("text", text)]
        where report.unicodeScalars.contains(where: { Escaping.isUnsafe($0) && $0 != "\n" && $0 != "\t" }) {
            finding("a control character reached the \(name) report")
        }
        return 0
    }
}
