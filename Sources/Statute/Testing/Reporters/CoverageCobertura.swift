/// Renders transition coverage as Cobertura XML (read by GitLab, Jenkins, `pycobertura`
/// and most review tools): one package and one class per policy file, a `line` per
/// transition and the guard's two branches as the line's conditions (``CoverageLines``).
package enum CoverageCobertura {
    /// The XML document; `sources` is `workingDirectory`, and policy files are named
    /// relative to it when inside it. No timestamp is written (the document depends
    /// only on the tests), so `timestamp` is 0.
    package static func render(_ coverage: [PolicyCoverage], workingDirectory: String) -> String {
        let paths = ReportPaths(workingDirectory: workingDirectory)
        let policies = coverage.map(CoverageLines.init)
        let lines = (found: policies.reduce(0) { $0 + $1.linesFound }, hit: policies.reduce(0) { $0 + $1.linesHit })
        let branches = (found: policies.reduce(0) { $0 + $1.branchesFound }, hit: policies.reduce(0) { $0 + $1.branchesHit })
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n"
        xml += "<coverage line-rate=\"\(rate(lines.hit, lines.found))\" branch-rate=\"\(rate(branches.hit, branches.found))\""
            + " lines-covered=\"\(lines.hit)\" lines-valid=\"\(lines.found)\""
            + " branches-covered=\"\(branches.hit)\" branches-valid=\"\(branches.found)\""
            + " complexity=\"0\" version=\"statute \(StatuteVersion.release)\" timestamp=\"0\">\n"
        xml += "  <sources>\n    <source>\(escape(paths.workingDirectory))</source>\n  </sources>\n"
        xml += "  <packages>\n"
        for policy in policies {
            let file = escape(paths.name(of: policy.policyFile).path)
            let lineRate = rate(policy.linesHit, policy.linesFound), branchRate = rate(policy.branchesHit, policy.branchesFound)
            xml += "    <package name=\"\(escape(policy.policyName))\" line-rate=\"\(lineRate)\" branch-rate=\"\(branchRate)\" complexity=\"0\">\n"
            xml += "      <classes>\n"
            xml += "        <class name=\"\(escape(policy.policyName))\" filename=\"\(file)\" line-rate=\"\(lineRate)\" branch-rate=\"\(branchRate)\" complexity=\"0\">\n"
            xml += "          <methods/>\n          <lines>\n"
            for line in policy.lines {
                xml += "            <line number=\"\(line.number)\" hits=\"\(line.hits)\""
                guard !line.branches.isEmpty else {
                    xml += " branch=\"false\"/>\n"
                    continue
                }
                let seen = line.branches.filter { $0.tests > 0 }.count
                let percent = seen * 100 / line.branches.count
                xml += " branch=\"true\" condition-coverage=\"\(percent)% (\(seen)/\(line.branches.count))\">\n"
                xml += "              <conditions>\n"
                xml += "                <condition number=\"0\" type=\"jump\" coverage=\"\(percent)%\"/>\n"
                xml += "              </conditions>\n"
                xml += "            </line>\n"
            }
            xml += "          </lines>\n        </class>\n      </classes>\n    </package>\n"
        }
        xml += "  </packages>\n</coverage>\n"
        return xml
    }

    /// `hit / found` as a decimal from 0 to 1 (1 when there is nothing to cover), at most four places.
    static func rate(_ hit: Int, _ found: Int) -> String {
        guard found > 0 else { return "1" }
        let tenThousandths = (hit * 10_000 + found / 2) / found
        let whole = tenThousandths / 10_000, fraction = tenThousandths % 10_000
        guard fraction > 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    static func escape(_ text: String) -> String {
        TestReportJUnit.escape(text)
    }
}
