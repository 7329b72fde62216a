/// Executes a compiled policy's transitions for records (docs/policy-language.md).
///
/// An engine holds a policy and the organisation's settings; it is immutable and
/// `Sendable`, so one engine can evaluate records from many threads at once. It is pure:
/// the caller passes `today`, and it reads no clock, no files and no globals.
///
/// ```swift
/// let engine = try Engine(policy: policy, settings: ["expiring_notice_days": .int(30)])
/// let result = try engine.evaluate(Record(status: "active", facts: facts), today: today)
/// ```
public struct Engine: Sendable {
    /// What an engine holds, behind one reference: copying an engine (into each
    /// evaluation) costs one retain, not one per field of the policy.
    final class Storage: Sendable {
        let policy: CompiledPolicy
        let settingValues: [Value]
        /// Each fact's value when a record does not give it: its default, or `null` when
        /// optional (and, as a placeholder, for a required fact).
        let factDefaults: [Value]
        /// The names of the required facts: not optional and no default.
        let requiredFacts: [String]
        /// How many derived values the policy has: the size of an evaluation's cache.
        let derivedCount: Int
        /// For each state (as ``CompiledPolicy/settleTransitions``), its `when`/`at`
        /// transitions in file order, their expressions held unretained: the settle reads
        /// them with no reference counting.
        let settleCandidates: [[SettleCandidate]]

        init(policy: CompiledPolicy, settingValues: [Value]) {
            self.policy = policy
            self.settingValues = settingValues
            self.factDefaults = policy.facts.map { $0.defaultValue?.value ?? .null }
            self.requiredFacts = policy.facts.filter(\.isRequired).map(\.name.value)
            self.derivedCount = policy.environment.table.programs.count
            self.settleCandidates = policy.settleTransitions.map { indices in
                indices.compactMap { SettleCandidate(policy.transitions[$0]) }
            }
        }
    }

    let storage: Storage

    /// The compiled policy whose transitions the engine executes.
    public var policy: CompiledPolicy { storage.policy }
    /// Setting values by slot: declared defaults, overridden by the caller's.
    package var settingValues: [Value] { storage.settingValues }

    /// Creates an engine; `settings` override the declared defaults.
    ///
    /// - Throws: a ``Diagnostic`` for an unknown setting, a value of the wrong type or out
    ///   of range, or a required setting with no value.
    public init(policy: CompiledPolicy, settings: [String: Value] = [:]) throws(Diagnostic) {
        let values = try Engine.vector(declarations: policy.settings, values: settings, kind: "setting",
                                       unknownCode: .unknownSetting, missingCode: .missingSetting)
        self.storage = Storage(policy: policy, settingValues: values)
    }

    /// The value of a setting in effect, by name.
    public func setting(_ name: String) -> Value? {
        policy.settingSlot(of: name).map { settingValues[$0] }
    }

    /// The complete fact vector of a record: given values checked against their
    /// declarations, defaults filled in, optional facts absent as `null`.
    ///
    /// - Throws: a ``Diagnostic`` naming the fact: unknown (with "did you mean"), wrong
    ///   type, out of range, or required and missing.
    package func factVector(_ facts: [String: Value]) throws(Diagnostic) -> [Value] {
        // The common case by slots: each given fact found by one hash lookup, the rest
        // from the defaults. Any problem goes the long way, which reports it exactly.
        let policy = storage.policy
        var vector = storage.factDefaults
        var fine = true
        for (name, value) in facts {
            guard let slot = policy.factSlotByName[name],
                  policy.factChecks[slot].passes(value) || policy.facts[slot].violation(of: value) == nil else {
                fine = false
                break
            }
            vector[slot] = value
        }
        if fine, storage.requiredFacts.allSatisfy({ facts[$0] != nil }) { return vector }
        return try Engine.vector(declarations: policy.facts, values: facts, kind: "fact",
                                 unknownCode: .unknownFact, missingCode: .missingFact)
    }

    static func vector(declarations: [ValueDeclaration], values: [String: Value], kind: String,
                       unknownCode: DiagnosticCode, missingCode: DiagnosticCode) throws(Diagnostic) -> [Value] {
        func isDeclared(_ name: String) -> Bool { declarations.contains { $0.name.value == name } }
        // Names are sorted (so the first unknown one reported is always the same) only
        // when one is unknown: the common path allocates nothing here.
        if !values.keys.allSatisfy(isDeclared) {
            let names = declarations.map(\.name.value)
            for name in values.keys.sorted() where !names.contains(name) {
                throw Diagnostic.error(unknownCode, "unknown \(kind) `\(name)`", at: nil,
                                       help: Suggestions.didYouMean(name, in: names))
            }
        }
        var vector: [Value] = []
        vector.reserveCapacity(declarations.count)
        for declaration in declarations {
            let name = declaration.name.value
            if let value = values[name] {
                if let problem = declaration.violation(of: value) {
                    throw Diagnostic.error(value.fits(declaration.type.value) ? .invalidValue : .wrongType,
                                           problem, at: nil)
                }
                vector.append(value)
            } else if let defaultValue = declaration.defaultValue {
                vector.append(defaultValue.value)
            } else if declaration.type.value.isOptional {
                vector.append(.null)
            } else {
                throw Diagnostic.error(missingCode, "missing required \(kind) `\(name)`", at: nil,
                                       help: "`\(name)` is declared `\(declaration.type.value)` with no default; give a value")
            }
        }
        return vector
    }

    /// Resolves a status id of a record or request.
    func statusIndex(_ id: String?, what: String) throws(Diagnostic) -> Int? {
        guard let id else { return nil }
        guard let index = policy.statusIndex(of: id) else {
            throw Diagnostic.error(.unknownStatus, "unknown status `\(id)` in \(what)", at: nil,
                                   help: Suggestions.didYouMean(id, in: policy.statuses.map(\.id)))
        }
        return index
    }

    /// Resolves the role of a request to its index in ``CompiledPolicy/roles``.
    func resolveRoleIndex(_ name: String) throws(Diagnostic) -> Int {
        guard let index = storage.policy.roleIndexByName[name] else {
            throw Diagnostic.error(.unknownRole, "unknown role `\(name)`", at: nil,
                                   help: Suggestions.didYouMeanOrList(name, in: policy.roles.map(\.name), kind: "roles"))
        }
        return index
    }

    /// Resolves the role of a request.
    func resolveRole(_ name: String) throws(Diagnostic) -> Role {
        guard let role = policy.role(name) else {
            throw Diagnostic.error(.unknownRole, "unknown role `\(name)`", at: nil,
                                   help: Suggestions.didYouMeanOrList(name, in: policy.roles.map(\.name), kind: "roles"))
        }
        return role
    }

    /// Evaluates a record: handles the request, then settles (docs/policy-language.md).
    ///
    /// - Parameters:
    ///   - record: the record's status and facts.
    ///   - request: an event, a manual request or plain evaluation.
    ///   - today: the date of the evaluation.
    ///   - explain: record every transition considered and why (costs nothing when off).
    /// - Throws: a ``Diagnostic`` for invalid input (unknown status, fact, event, role or
    ///   transition; wrong types; missing required facts) or an automatic cycle.
    public func evaluate(_ record: Record, request: Request = .evaluate, today: CalendarDate,
                         explain: Bool = false) throws(Diagnostic) -> EvaluationResult {
        try evaluate(prepare(record), request: request, today: today, explain: explain)
    }

    /// Checks a record once and resolves it to slots: its status to an index, its facts to
    /// the complete fact vector (defaults filled in). Evaluating the prepared record does
    /// no name lookups; prepare once to evaluate a record several times (different
    /// requests or dates).
    ///
    /// - Throws: a ``Diagnostic`` for an unknown status or fact, a wrong type, a value out
    ///   of range, or a required fact that is missing.
    public func prepare(_ record: Record) throws(Diagnostic) -> PreparedRecord {
        PreparedRecord(statusIndex: try statusIndex(record.status, what: "the record"),
                       facts: try factVector(record.facts))
    }

    /// Evaluates a record prepared by ``prepare(_:)`` (of an engine of the same policy):
    /// handles the request, then settles (docs/policy-language.md). The result is the same as
    /// ``evaluate(_:request:today:explain:)`` gives for the record.
    ///
    /// - Throws: a ``Diagnostic`` for an invalid request (unknown event, role, status or
    ///   transition), a record prepared for another policy, or an automatic cycle.
    public func evaluate(_ record: PreparedRecord, request: Request = .evaluate, today: CalendarDate,
                         explain: Bool = false) throws(Diagnostic) -> EvaluationResult {
        guard record.facts.count == storage.policy.facts.count,
              record.statusIndex.map({ $0 >= 0 && $0 < storage.policy.statuses.count }) ?? true else {
            throw Diagnostic.error(.unknownStatus, "the prepared record does not belong to policy `\(policy.name)`",
                                   at: nil, help: "prepare the record with an engine of the same policy")
        }
        return try run(record, request: request, today: today, explain: explain, detailing: false).result
    }

    /// Runs one evaluation of a checked record; with `detailing`, also what each step did.
    func run(_ record: PreparedRecord, request: Request, today: CalendarDate, explain: Bool,
             detailing: Bool) throws(Diagnostic) -> (result: EvaluationResult, steps: [StepTrace]?) {
        // The run's cache of derived values lives on the stack: no allocation per evaluation.
        let outcome = withUnsafeTemporaryAllocation(of: Value?.self, capacity: storage.derivedCount) { derived in
            derived.initialize(repeating: nil)
            defer { _ = derived.deinitialize() }
            var run = EvaluationRun(engine: self, status: record.statusIndex, facts: record.facts, today: today,
                                    explain: explain, derived: derived)
            if detailing { run.traces = [] }
            return Result { () throws(Diagnostic) -> (result: EvaluationResult, steps: [StepTrace]?) in
                (try run.execute(request), run.traces)
            }
        }
        return try outcome.get()
    }
}

/// A record checked and resolved to slots by ``Engine/prepare(_:)``: its status as an
/// index and its facts as the complete fact vector, in the policy's declaration order.
public struct PreparedRecord: Hashable, Sendable {
    /// The index of the record's status in ``CompiledPolicy/statuses``, or `nil` for a new record.
    package let statusIndex: Int?
    /// Every declared fact's value by slot (``CompiledPolicy/factSlot(of:)``): given,
    /// defaulted, or `null`.
    package let facts: [Value]
}

/// A `when` or `at` transition as the settle reads it. The references are unretained:
/// the policy the engine holds keeps the transition and its expressions alive.
struct SettleCandidate: @unchecked Sendable {
    let transition: Unmanaged<Transition>
    let trigger: Unmanaged<CompiledExpression>
    let guardExpression: Unmanaged<CompiledExpression>?
    /// An `at` transition (its trigger is a date); otherwise `when` (a condition).
    let isAt: Bool

    init?(_ transition: Transition) {
        guard let trigger = transition.triggerExpression else { return nil }
        self.transition = .passUnretained(transition)
        self.trigger = .passUnretained(trigger)
        self.guardExpression = transition.guardExpression.map { .passUnretained($0) }
        self.isAt = transition.triggerKind == .at
    }
}
