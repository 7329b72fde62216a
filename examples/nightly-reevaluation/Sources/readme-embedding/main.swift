// The README's embedding snippet, compiled and run by `make example` (ReadmeTests checks
// that the README shows exactly the code below this comment).
import Foundation
import Statute

// The policy path is opened like any file, relative to the current directory: pass it
// (absolute, or from your app's configuration) so the program works from any folder.
let path = CommandLine.arguments.dropFirst().first ?? "policies/certification.yaml"
let loaded = PolicyLoader.load(contentsOf: path)
guard let policy = loaded.policy else {
    // Every problem, rustc style, with the offending line of the file under a caret.
    var renderer = DiagnosticRenderer(sources: { try? String(contentsOfFile: $0, encoding: .utf8) })
    FileHandle.standardError.write(Data(renderer.render(loaded.diagnostics, format: .text).utf8))
    exit(2)
}
do {
    // Settings override the policy's defaults; load once, evaluate from any thread.
    let engine = try Engine(policy: policy, settings: ["expiring_notice_days": .int(30)])
    let record = Record(status: "active", facts: ["completed_on": .date(CalendarDate(year: 2025, month: 6, day: 30)!),
                                                  "program.expires_after_months": .int(12)])
    let result = try engine.evaluate(record, today: CalendarDate(year: 2026, month: 6, day: 1)!, explain: true)
    // The outcome, the next change and its date, and why, as `statute eval --explain` prints them.
    print(ResultText(policy: policy).render(result))
} catch {
    // An invalid record or setting: a Diagnostic with a code, a message and a help line.
    print("cannot evaluate: \(error)")
    exit(2)
}
