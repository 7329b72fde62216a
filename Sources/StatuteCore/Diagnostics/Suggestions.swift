/// "Did you mean" suggestions by edit distance, as swift-argument-parser does for options.
package enum Suggestions {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    ///
    /// A candidate qualifies when its Levenshtein distance is at most a third of the
    /// longer name's length (at least 1, at most 3), or when one name is a
    /// case-insensitive match of the other.
    package static func closest<S: Sequence>(to name: String, in candidates: S) -> String?
    where S.Element == String {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != name {
            if candidate.lowercased() == name.lowercased() { return candidate }
            let distance = editDistance(name, candidate)
            let allowed = min(3, max(1, max(name.count, candidate.count) / 3))
            guard distance <= allowed else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// `help` text for a suggestion: "did you mean `x`?", or `nil`.
    package static func didYouMean<S: Sequence>(_ name: String, in candidates: S) -> String?
    where S.Element == String {
        closest(to: name, in: candidates).map { "did you mean `\($0)`?" }
    }

    /// "did you mean `x`?" when one is close; otherwise the list of what exists
    /// ("the roles are `a`, `b`", at most 20 names), or that none is declared.
    /// - Parameter kind: the plural noun for the candidates, such as `roles`.
    package static func didYouMeanOrList(_ name: String, in candidates: [String], kind: String) -> String {
        if let suggestion = didYouMean(name, in: candidates) { return suggestion }
        if candidates.isEmpty { return "the policy declares no \(kind)" }
        let shown = candidates.prefix(20).map { "`\($0)`" }.joined(separator: ", ")
        return "the \(kind) are \(shown)" + (candidates.count > 20 ? ", … (\(candidates.count) in all)" : "")
    }

    /// "did you mean `x`?" — the closest name, or else the one name that starts with or
    /// holds `name` as a `_`/`.`-separated part (`grace` → `grace_days`) — followed by the
    /// list of what exists (at most 20 names), or that none is declared.
    /// - Parameter kind: the plural noun for the candidates, such as `settings`.
    package static func didYouMeanAndList(_ name: String, in candidates: [String], kind: String) -> String {
        guard !candidates.isEmpty else { return "the policy declares no \(kind)" }
        let shown = candidates.prefix(20).map { "`\($0)`" }.joined(separator: ", ")
        let list = "the \(kind) are \(shown)" + (candidates.count > 20 ? ", … (\(candidates.count) in all)" : "")
        let lowered = name.lowercased()
        let containing = candidates.filter { candidate in
            candidate.lowercased().split(whereSeparator: { $0 == "_" || $0 == "." }).contains { $0 == lowered }
                || (lowered.count >= 3 && candidate.lowercased().hasPrefix(lowered))
        }
        guard let suggestion = closest(to: name, in: candidates) ?? (containing.count == 1 ? containing[0] : nil) else {
            return list
        }
        return "did you mean `\(suggestion)`? \(list)"
    }

    /// Levenshtein distance over Unicode scalars (bounded input: names are short).
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars.prefix(256)), b = Array(b.unicodeScalars.prefix(256))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
