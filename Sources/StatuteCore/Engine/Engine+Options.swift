extension Engine {
    /// The manual transitions a person with `role` could request for a record now — what
    /// a back-office status drop-down shows — each allowed or not, and why not.
    ///
    /// Lists every manual transition that applies from the record's status, in file order.
    public func manualOptions(for record: Record, role: String, today: CalendarDate) throws(Diagnostic) -> [ManualOption] {
        let status = try statusIndex(record.status, what: "the record")
        let facts = try factVector(record.facts)
        let roleInfo = try resolveRole(role)
        let context = EvaluationContext(facts: facts, settings: settingValues, today: today)
        return policy.manualTransitions[policy.stateIndex(status)].map { index in
            let transition = policy.transitions[index]
            let target = policy.statuses[transition.to]
            guard transition.roles.contains(where: roleInfo.actsAs.contains) else {
                return ManualOption(transition: transition.id, to: target.id, label: target.label, allowed: false,
                                    reason: Narration.roleNotPermitted(transition, role: role, in: policy),
                                    rejection: .roleNotPermitted, values: [])
            }
            if let guardExpression = transition.guardExpression {
                var trace = ExpressionTrace()
                let value = guardExpression.evaluate(in: context, trace: &trace)
                if value != .bool(true) {
                    let reason = value.isNull
                        ? Narration.guardUnknown(transition, guardExpression, trace.nullNames, in: policy)
                        : Narration.guardFalse(transition, guardExpression, trace.values, in: policy)
                    return ManualOption(transition: transition.id, to: target.id, label: target.label, allowed: false,
                                        reason: reason, rejection: .guardFalse, values: trace.values)
                }
            }
            return ManualOption(transition: transition.id, to: target.id, label: target.label, allowed: true,
                                reason: nil, rejection: nil, values: [])
        }
    }
}
