// nightly-reevaluation: load the certification policy once, re-evaluate every enrollment
// as of a date, and report what changed and what is due next.
//
//     nightly-reevaluation [--policy FILE] ENROLLMENTS.json YYYY-MM-DD
//
// Exit status: 0 when every enrollment was evaluated, 1 when some could not be (each is
// reported), 2 when the job could not run at all (usage, policy or file errors).
import Foundation
import Statute

/// `policies/certification.yaml` of the repository this example sits in, found from this
/// source file's location: …/examples/nightly-reevaluation/Sources/nightly-reevaluation/main.swift.
func defaultPolicyPath() -> String {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Sources/nightly-reevaluation
        .deletingLastPathComponent()   // Sources
        .deletingLastPathComponent()   // examples/nightly-reevaluation
        .appendingPathComponent("../../policies/certification.yaml")
        .standardized.path
}

func fail(_ message: String, status: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("nightly-reevaluation: \(message)\n".utf8))
    exit(status)
}

let usage = "usage: nightly-reevaluation [--policy FILE] ENROLLMENTS.json YYYY-MM-DD"

// MARK: - Arguments

var policyPath = defaultPolicyPath()
var positional: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--policy":
        guard let path = arguments.popFirst() else { fail("`--policy` needs a file\n\(usage)") }
        policyPath = path
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        guard !argument.hasPrefix("-") else { fail("unknown option `\(argument)`\n\(usage)") }
        positional.append(argument)
    }
}
guard positional.count == 2 else { fail(usage) }
let enrollmentsPath = positional[0]
guard let today = CalendarDate(iso: positional[1]) else {
    fail("`\(positional[1])` is not a date; write YYYY-MM-DD")
}

// MARK: - The policy, loaded and compiled once

let loaded = PolicyLoader.load(contentsOf: policyPath)
guard let policy = loaded.policy else {
    let problems = loaded.diagnostics.filter(\.isError).map { diagnostic in
        diagnostic.description + (diagnostic.help.map { "\n  help: \($0)" } ?? "")
    }
    fail("the policy could not be loaded:\n" + problems.joined(separator: "\n"))
}
let settings: [String: Value] = ["expiring_notice_days": .int(30)]
let engine: Engine
do {
    engine = try Engine(policy: policy, settings: settings)
} catch {
    fail("the settings do not fit the policy: \(error.message)")
}

// MARK: - Every enrollment, re-evaluated

let enrollments: [Enrollment]
do {
    enrollments = try EnrollmentReader(policy: policy).read(contentsOf: enrollmentsPath)
} catch {
    fail("cannot read \(enrollmentsPath): \(error)")
}

var report = NightlyReport(policy: policy, today: today)
for enrollment in enrollments {
    let outcome = enrollment.record.flatMap { record in
        Result { () throws(Diagnostic) in try engine.evaluate(record, today: today) }
    }
    report.add(id: enrollment.id, outcome)
}

print("Re-evaluated \(enrollmentsPath) with policy `\(policy.name)` as of \(today)",
      "(expiring_notice_days = \(engine.setting("expiring_notice_days") ?? .null))")
print(report.rendered())
exit(report.errors.isEmpty ? 0 : 1)
