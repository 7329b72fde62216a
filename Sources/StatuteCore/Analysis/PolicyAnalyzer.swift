/// Static analysis of a compiled policy: the warnings of docs/cli.md (unreachable and
/// dead-end statuses, unused declarations, transitions that never fire or that a
/// setting's default disables, automatic cycles, transitions whose file order
/// silently decides, and manual transitions that overlap), with the author's acknowledgements applied.
///
/// A warning whose code is acknowledged on a transition it is about, or at the top level
/// of the policy, is not reported; it is kept in ``PolicyAnalysis/acknowledged`` with its
/// reason, for generated docs.
package enum PolicyAnalyzer {
    /// The warnings to report for `policy` (acknowledged ones left out, unused
    /// acknowledgements included).
    package static func warnings(for policy: CompiledPolicy) -> [Diagnostic] {
        analyze(policy).warnings
    }

    /// Runs every check and applies the policy's acknowledgements.
    package static func analyze(_ policy: CompiledPolicy) -> PolicyAnalysis {
        let context = AnalysisContext(policy: policy)
        var findings: [Finding] = []
        findings += reachabilityFindings(context)
        findings += usageFindings(context)
        let firing = firingFindings(context)
        findings += firing.findings
        findings += cycleFindings(context)
        findings += orderFindings(context, shadowed: firing.shadowedPairs)
        findings += manualOverlapFindings(context)
        return applyAcknowledgements(findings, in: context)
    }

    /// Splits findings into reported and acknowledged, and checks the acknowledgements.
    static func applyAcknowledgements(_ findings: [Finding], in context: AnalysisContext) -> PolicyAnalysis {
        let document = context.policy.document
        let known = Set(acknowledgeableCodes.map(\.rawValue))
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var acknowledged: [AcknowledgedWarning] = []

        // Every acknowledgement with the transition it sits on (nil: top level).
        var entries: [(ack: Acknowledgement, transition: Int?)] = document.acknowledged.map { ($0, nil) }
        for transition in context.policy.transitions {
            for ack in context.acknowledgements(of: transition) { entries.append((ack, transition.index)) }
        }
        var used = Array(repeating: false, count: entries.count)
        for (i, entry) in entries.enumerated() where !known.contains(entry.ack.code.value) {
            used[i] = true
            errors.append(.error(.unknownWarningCode, "unknown warning code `\(entry.ack.code.value)`",
                                 at: entry.ack.code.span,
                                 help: Suggestions.didYouMean(entry.ack.code.value, in: acknowledgeableCodes.map(\.rawValue))
                                     ?? "the warnings that can be acknowledged are "
                                     + acknowledgeableCodes.map { "`\($0.rawValue)`" }.joined(separator: ", ")))
        }

        for finding in findings {
            let code = finding.diagnostic.code.rawValue
            // Prefer the acknowledgement on the transition itself to the top-level one.
            let onTransition = entries.indices.first { i in
                entries[i].ack.code.value == code && entries[i].transition.map(finding.transitions.contains) == true
            }
            let topLevel = entries.indices.first { entries[$0].ack.code.value == code && entries[$0].transition == nil }
            if let i = onTransition ?? topLevel {
                used[i] = true
                acknowledged.append(AcknowledgedWarning(diagnostic: finding.diagnostic, reason: entries[i].ack.reason))
            } else {
                warnings.append(finding.diagnostic)
            }
        }
        for (i, entry) in entries.enumerated() where !used[i] {
            let place = entry.transition.map { "on transition `\(context.policy.transitions[$0].id)`" } ?? "for the policy"
            warnings.append(.warning(.unusedAcknowledgement,
                                     "`\(entry.ack.code.value)` is acknowledged \(place) but no such warning is reported",
                                     at: entry.ack.code.span, help: "remove the acknowledgement"))
        }
        let sortedAcknowledged = acknowledged.enumerated().sorted { a, b in
            let l = a.element.diagnostic.span?.start, r = b.element.diagnostic.span?.start
            if let l, let r, l != r { return l < r }
            return a.offset < b.offset
        }.map(\.element)
        return PolicyAnalysis(warnings: warnings.sortedForDisplay(limit: .max), acknowledged: sortedAcknowledged,
                              errors: errors.sortedForDisplay(limit: .max))
    }
}

/// What the checks share: the policy and lookups over it.
struct AnalysisContext {
    let policy: CompiledPolicy
    /// Where in ``PolicyDocument/transitions`` each compiled transition was declared, by
    /// transition index (indices, not copies: declarations are large).
    let declarationIndices: [Int?]
    /// Each transition's trigger key (see ``PolicyAnalyzer/triggerKey(_:)``), computed
    /// once and numbered (equal keys, equal numbers), by transition index; `nil` for
    /// manual transitions.
    let triggerKeys: [Int?]
    /// Automatic transitions by trigger key number, in file order.
    let byTriggerKey: [[Int]]
    /// Automatic transitions by trigger key number and state they apply from (see
    /// ``transitions(withKey:from:)``), in file order: the only transitions that can
    /// compete with each other. One table for all keys, keyed by `key × (statuses + 1) + state`.
    private let byTriggerKeyAndState: [Int: [Int]]
    /// The transitions that apply from each status, in file order, by status index.
    let outgoing: [[Int]]

    init(policy: CompiledPolicy) {
        self.policy = policy
        self.declarationIndices = Self.declarationIndices(policy)
        // Each key hashed once: transitions are grouped by its number from then on.
        var numbers: [PolicyAnalyzer.TriggerKey: Int] = [:]
        numbers.reserveCapacity(policy.transitions.count)
        let keys: [Int?] = policy.transitions.map { transition in
            guard transition.mode == .automatic, let key = PolicyAnalyzer.triggerKey(transition) else { return nil }
            if let number = numbers[key] { return number }
            numbers[key] = numbers.count
            return numbers.count - 1
        }
        var byKey = Array(repeating: [Int](), count: numbers.count)
        var byKeyAndState: [Int: [Int]] = [:]
        byKeyAndState.reserveCapacity(policy.transitions.count)
        let stride = policy.statuses.count + 1
        var outgoing = Array(repeating: [Int](), count: policy.statuses.count)
        for transition in policy.transitions {
            let states = Self.states(of: transition, statusCount: policy.statuses.count)
            for status in states where status < outgoing.count {
                outgoing[status].append(transition.index)
            }
            guard let key = keys[transition.index] else { continue }
            byKey[key].append(transition.index)
            for state in states {
                byKeyAndState[key * stride + state, default: []].append(transition.index)
            }
        }
        self.triggerKeys = keys
        self.byTriggerKey = byKey
        self.byTriggerKeyAndState = byKeyAndState
        self.outgoing = outgoing
    }

    /// Where each compiled transition was declared. A policy compiles only when every
    /// transition does, with ids used once, so the *i*-th transition is normally the *i*-th
    /// declaration; that is checked by id, and the declarations are searched by id otherwise.
    private static func declarationIndices(_ policy: CompiledPolicy) -> [Int?] {
        let declarations = policy.document.transitions
        let transitions = policy.transitions
        if declarations.count == transitions.count,
           transitions.indices.allSatisfy({ declarations[$0].id.value == transitions[$0].id }) {
            return transitions.indices.map { $0 }
        }
        var byID: [String: Int] = [:]
        for index in declarations.indices where byID[declarations[index].id.value] == nil {
            byID[declarations[index].id.value] = index
        }
        return transitions.map { byID[$0.id] }
    }

    /// The automatic transitions with trigger key number `key` that apply from `state` (a
    /// status index, or `statuses.count` for `start`), in file order.
    func transitions(withKey key: Int, from state: Int) -> [Int] {
        byTriggerKeyAndState[key * (policy.statuses.count + 1) + state] ?? []
    }

    /// The states a transition applies from: its statuses, and `statusCount` for `start`.
    static func states(of transition: Transition, statusCount: Int) -> [Int] {
        var states = transition.fromStatuses.sorted()
        if transition.fromStart { states.append(statusCount) }
        return states
    }

    /// The automatic transitions before `transition` with its trigger key that share at
    /// least one state with it, in file order.
    func earlierCompetitors(of transition: Transition) -> [Int] {
        guard let key = triggerKeys[transition.index] else { return [] }
        var found = Set<Int>()
        for state in Self.states(of: transition, statusCount: policy.statuses.count) {
            for index in transitions(withKey: key, from: state) {
                if index >= transition.index { break }
                found.insert(index)
            }
        }
        return found.sorted()
    }

    /// The acknowledgements written on a transition, read without copying its declaration.
    func acknowledgements(of transition: Transition) -> [Acknowledgement] {
        guard let index = declarationIndices[transition.index] else { return [] }
        return policy.document.transitions[index].acknowledged
    }

    /// The span of a transition's id, where transition warnings point.
    func idSpan(of transition: Transition) -> SourceSpan {
        guard let index = declarationIndices[transition.index] else { return transition.span }
        return policy.document.transitions[index].id.span
    }

    /// `a`, `a` and `b`, `a`, `b` and `c` — names in backticks.
    static func list(_ names: [String]) -> String {
        let quoted = names.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
    }
}
