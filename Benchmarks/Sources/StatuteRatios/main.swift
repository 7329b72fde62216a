// statute-ratios: the side-by-side table of Benchmarks/README.md. Times each pair with
// the median of several runs and prints Statute against its reference, with the ratio.
//
//   swift run -c release statute-ratios            # the whole table
//   swift run -c release statute-ratios generate N # a synthetic policy of N statuses, to stdout
//   swift run -c release statute-ratios scan FILE  # libyaml's raw event scan of a file (whole-process floor)
//   swift run -c release statute-ratios load FILE  # load + check + compile + analysis of a file (whole process)
//   swift run -c release statute-ratios engine N   # Engine.evaluate of the prepared mix, N rounds (for callgrind)
//   swift run -c release statute-ratios hand N     # the hand-written policy on the same mix, N rounds
import BenchmarkSupport
import Foundation
import Statute
import StatuteSynthetic

let arguments = CommandLine.arguments.dropFirst()

switch arguments.first {
case "generate":
    let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000
    print(SyntheticPolicy.yaml(statuses: count), terminator: "")
case "scan":
    guard let path = arguments.dropFirst().first, let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("usage: statute-ratios scan FILE\n".utf8))
        exit(2)
    }
    guard let events = LibYAMLScan.countEvents([UInt8](data)) else {
        FileHandle.standardError.write(Data("libyaml could not read \(path)\n".utf8))
        exit(1)
    }
    print("\(events) events")
case "engine":
    // The engine loop alone, for a profiler: the prepared mix, ROUNDS times (default 200,000).
    let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000
    let fixture = try Fixture.load()
    var changed = 0
    for _ in 0..<rounds {
        for (record, request) in fixture.preparedMix {
            if let result = try? fixture.engine.evaluate(record, request: request, today: fixture.today),
               result.outcome == .changed { changed += 1 }
        }
    }
    print("\(changed) changed")
case "hand":
    // The hand-written policy's loop alone, for a profiler: the same mix, ROUNDS times.
    let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000
    let fixture = try Fixture.load()
    var changed = 0
    for _ in 0..<rounds {
        for (input, action) in fixture.handWrittenMix {
            let result = HandWrittenCertification.evaluate(input, action, today: fixture.today,
                                                           noticeDays: fixture.noticeDays)
            if result.outcome == .changed { changed += 1 }
        }
    }
    print("\(changed) changed")
case "load":
    guard let path = arguments.dropFirst().first else {
        FileHandle.standardError.write(Data("usage: statute-ratios load FILE\n".utf8))
        exit(2)
    }
    let loaded = PolicyLoader.load(contentsOf: path)
    print("\(loaded.policy?.statuses.count ?? 0) statuses, \(loaded.diagnostics.count) diagnostics")
    exit(loaded.policy == nil ? 1 : 0)
default:
    try printTable()
}

func row(_ work: String, _ statute: Double, _ reference: Double, _ what: String) {
    let ratio = Timing.format3(statute / reference)
    print("| \(work) | \(Timing.format(statute)) | \(what) \(Timing.format(reference)) | \(ratio)× |")
}

func printTable() throws {
    let fixture = try Fixture.load()
    let engine = fixture.engine
    let today = fixture.today
    try checkAgreement(fixture)
    print("| work | Statute | reference | ratio |")
    print("| --- | --- | --- | --- |")

    // The engine against the hand-written policy, per record of the mix.
    let rounds = 20_000
    let records = Double(rounds * fixture.mix.count)
    let handWritten = Timing.median(runs: 7) {
        for _ in 0..<rounds {
            for (input, action) in fixture.handWrittenMix {
                blackHole(HandWrittenCertification.evaluate(input, action, today: today, noticeDays: fixture.noticeDays))
            }
        }
    } / records
    let evaluateRecord = Timing.median(runs: 7) {
        for _ in 0..<rounds {
            for (record, request) in fixture.mix { blackHole(try? engine.evaluate(record, request: request, today: today)) }
        }
    } / records
    let evaluatePrepared = Timing.median(runs: 7) {
        for _ in 0..<rounds {
            for (record, request) in fixture.preparedMix {
                blackHole(try? engine.evaluate(record, request: request, today: today))
            }
        }
    } / records
    row("`Engine.evaluate(Record)`, mix of \(fixture.mix.count), per record", evaluateRecord, handWritten, "hand-written Swift")
    row("`Engine.evaluate(PreparedRecord)`, same mix", evaluatePrepared, handWritten, "hand-written Swift")

    // Loading generated policies against libyaml's raw event scan.
    var loads: [Int: Double] = [:]
    for statuses in [1_000, 2_000] {
        let synthetic = SyntheticLoad(statuses: statuses)
        let loaded = synthetic.load(analyze: true)
        guard loaded.policy != nil else {
            print("| \(statuses) statuses | did not load: \(loaded.diagnostics.first?.description ?? "?") | | |")
            continue
        }
        let scan = Timing.median(runs: 5) { blackHole(synthetic.scan()) }
        let withAnalysis = Timing.median(runs: 5) { blackHole(synthetic.load(analyze: true).policy) }
        let withoutAnalysis = Timing.median(runs: 5) { blackHole(synthetic.load(analyze: false).policy) }
        loads[statuses] = withAnalysis
        let size = "\(statuses) statuses, \(synthetic.bytes.count / 1024) KiB"
        row("load + check + compile + analysis, \(size)", withAnalysis, scan, "libyaml event scan")
        row("load + check + compile, no analysis, \(size)", withoutAnalysis, scan, "libyaml event scan")
    }
    if let small = loads[1_000], let large = loads[2_000] {
        row("load of 2,000 statuses against 1,000", large, small, "1,000 statuses")
    }
}

/// The ceiling must do the engine's work: the hand-written policy's status, outcome,
/// steps, effects and next change must be the engine's on every record of the mix.
func checkAgreement(_ fixture: Fixture) throws {
    for ((record, request), (input, action)) in zip(fixture.mix, fixture.handWrittenMix) {
        let engine = try fixture.engine.evaluate(record, request: request, today: fixture.today)
        let hand = HandWrittenCertification.evaluate(input, action, today: fixture.today, noticeDays: fixture.noticeDays)
        let same = engine.status == hand.status?.id && engine.outcome == hand.outcome
            && engine.steps.map(\.transition) == hand.steps.map(\.transition) && engine.effects == hand.effects
            && engine.next?.transition == hand.next?.transition && engine.next?.date == hand.next?.date
        guard same else {
            throw Fixture.SetupError(description: "the hand-written policy disagrees with the engine on \(record) \(request): "
                                     + "\(engine) against \(hand)")
        }
    }
}

@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
