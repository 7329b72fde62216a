/// Renders transition coverage as an lcov tracefile (the format of `geninfo`, read by
/// `genhtml` and coverage services): one record per policy file, a `DA` line per
/// transition and a `BRDA` pair per guard (``CoverageLines``).
package enum CoverageLCOV {
    /// The tracefile; policy files are named relative to `workingDirectory` when inside it.
    package static func render(_ coverage: [PolicyCoverage], workingDirectory: String) -> String {
        let paths = ReportPaths(workingDirectory: workingDirectory)
        var output = ""
        for policy in coverage.map(CoverageLines.init) {
            output += "TN:\n"
            output += "SF:\(oneLine(paths.name(of: policy.policyFile).path))\n"
            for line in policy.lines {
                for branch in line.branches {
                    output += "BRDA:\(line.number),\(branch.block),\(branch.branch),\(branch.evaluated ? String(branch.tests) : "-")\n"
                }
            }
            output += "BRF:\(policy.branchesFound)\n"
            output += "BRH:\(policy.branchesHit)\n"
            for line in policy.lines {
                output += "DA:\(line.number),\(line.hits)\n"
            }
            output += "LF:\(policy.linesFound)\n"
            output += "LH:\(policy.linesHit)\n"
            output += "end_of_record\n"
        }
        return output
    }

    /// A file name on one line: a line break in it would start a forged record.
    static func oneLine(_ text: String) -> String {
        Escaping.controlCharacters(text)
    }
}
