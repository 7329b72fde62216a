import FuzzSupport
import Statute

/// The engine of the default policy, made once.
enum Setup {
    static let records: RecordLines = {
        guard let policy = PolicyLoader.load(contentsOf: RepositoryFiles.certificationPolicy).policy,
              let engine = try? Engine(policy: policy, settings: [:]) else {
            finding("cannot load \(RepositoryFiles.certificationPolicy)")
        }
        return RecordLines(engine: engine, today: CalendarDate(iso: "2026-03-01")!)
    }()
}

/// Any bytes as one JSON Lines record of `statute run` against the default policy: it is
/// evaluated or becomes an error line, and the output line is always one line of JSON.
@_cdecl("FuzzRecords_main")
public func fuzzRecordsMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in
        let output = Setup.records.evaluate(bytes: bytes(data, size), line: 1)
        let line = output.json.rendered()
        if line.contains("\n") { finding("an output line holds a newline") }
        return 0
    }
}
