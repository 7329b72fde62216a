import Statute

/// `policies/certification.yaml` written by hand in Swift: switch statements over typed
/// fields, no interpreter. The ceiling `Engine.evaluate` is measured against.
///
/// It follows docs/policy-language.md for that one policy: events, manual requests with roles, the settle
/// (`when` and `at` transitions in file order) and `next`. It returns the same facts of a
/// result as the engine (status, outcome, steps, effects, `set` values, next change, the
/// rejection message), so the work compared is the same; explanations are left out.
public enum HandWrittenCertification {
    public enum Status: Int, Sendable {
        case inProgress, applied, declined, active, inactive, expired, notCompleted, adminReview, expiring, cancelled

        public var id: String {
            switch self {
            case .inProgress: "in_progress"
            case .applied: "applied"
            case .declined: "declined"
            case .active: "active"
            case .inactive: "inactive"
            case .expired: "expired"
            case .notCompleted: "not_completed"
            case .adminReview: "admin_review"
            case .expiring: "expiring"
            case .cancelled: "cancelled"
            }
        }

        public var label: String {
            switch self {
            case .inProgress: "In Progress"
            case .applied: "Applied"
            case .declined: "Declined"
            case .active: "Active"
            case .inactive: "Inactive"
            case .expired: "Expired"
            case .notCompleted: "Not Completed"
            case .adminReview: "Admin Review"
            case .expiring: "Expiring"
            case .cancelled: "Cancelled"
            }
        }

        public init?(id: String) {
            switch id {
            case "in_progress": self = .inProgress
            case "applied": self = .applied
            case "declined": self = .declined
            case "active": self = .active
            case "inactive": self = .inactive
            case "expired": self = .expired
            case "not_completed": self = .notCompleted
            case "admin_review": self = .adminReview
            case "expiring": self = .expiring
            case "cancelled": self = .cancelled
            default: return nil
            }
        }

        var isFinal: Bool { self == .declined || self == .cancelled }
    }

    /// A record's typed facts, defaults applied.
    public struct Facts: Sendable {
        public var requireApproval = false
        public var requireCompletionApproval = false
        public var expiresAfterMonths: Int?
        public var required = 0
        public var completed = 0
        public var completedOn: CalendarDate?
        public var expiresOn: CalendarDate?
        public init() {}
    }

    public struct Input: Sendable {
        public var status: Status?
        public var facts: Facts

        public init(status: Status?, facts: Facts) {
            self.status = status
            self.facts = facts
        }
    }

    public enum Role: Sendable { case staff, admin }

    public enum Action: Sendable {
        case evaluate
        case apply
        case manual(Status, Role)
    }

    public struct Step: Sendable {
        public let transition: String
        public let from: Status?
        public let to: Status
    }

    public struct Result: Sendable {
        public var status: Status?
        public var previous: Status?
        public var outcome: Outcome = .unchanged
        public var steps: [Step] = []
        public var effects: [String] = []
        public var completedOnSet: CalendarDate??
        public var next: (transition: String, to: Status, date: CalendarDate)?
        public var reason: String?
    }

    /// Converts a record of the engine's kind into typed input (not part of what is timed).
    public static func input(_ record: Record) -> Input? {
        var facts = Facts()
        for (name, value) in record.facts {
            switch (name, value) {
            case ("program.require_approval", .bool(let b)): facts.requireApproval = b
            case ("program.require_completion_approval", .bool(let b)): facts.requireCompletionApproval = b
            case ("program.expires_after_months", .int(let n)): facts.expiresAfterMonths = n
            case ("program.expires_after_months", .null): facts.expiresAfterMonths = nil
            case ("components.required", .int(let n)): facts.required = n
            case ("components.completed", .int(let n)): facts.completed = n
            case ("completed_on", .date(let d)): facts.completedOn = d
            case ("completed_on", .null): facts.completedOn = nil
            case ("expires_on", .date(let d)): facts.expiresOn = d
            case ("expires_on", .null): facts.expiresOn = nil
            default: return nil
            }
        }
        guard let id = record.status else { return Input(status: nil, facts: facts) }
        guard let status = Status(id: id) else { return nil }
        return Input(status: status, facts: facts)
    }

    public static func action(_ request: Request) -> Action? {
        switch request {
        case .evaluate: return .evaluate
        case .event("apply"): return .apply
        case .manual(let status, let role, nil):
            guard let target = Status(id: status) else { return nil }
            switch role {
            case "staff": return .manual(target, .staff)
            case "admin": return .manual(target, .admin)
            default: return nil
            }
        default: return nil
        }
    }

    static func expiration(_ f: Facts) -> CalendarDate? {
        if let e = f.expiresOn { return e }
        guard let m = f.expiresAfterMonths, m > 0, let c = f.completedOn else { return nil }
        return c.adding(.months(m))
    }

    /// Evaluates one record with `expiring_notice_days` = `noticeDays`.
    public static func evaluate(_ input: Input, _ action: Action, today: CalendarDate, noticeDays: Int) -> Result {
        var facts = input.facts
        var result = Result(status: input.status, previous: input.status)
        func take(_ id: String, to: Status, effect: String? = nil) {
            result.steps.append(Step(transition: id, from: result.status, to: to))
            if let effect { result.effects.append(effect) }
            result.status = to
        }
        switch action {
        case .evaluate:
            break
        case .apply:
            if input.status == nil {
                if facts.requireApproval {
                    take("apply-with-approval", to: .applied, effect: "new_application_email")
                } else {
                    take("apply", to: .inProgress)
                }
            }
        case .manual(let target, let role):
            let from = input.status
            let id: String?
            var onlyAdmin = false
            switch (target, from) {
            case (.inProgress, nil): id = "enrol"
            case (.inProgress, .applied?): id = "approve-application"
            case (.inProgress, .inactive?): id = "reactivate"
            case (.declined, .applied?): id = "decline-application"
            case (.inactive, .inProgress?): id = "deactivate"
            case (.notCompleted, .inProgress?), (.notCompleted, .inactive?): id = "mark-not-completed"
            case (.cancelled, let s?) where !s.isFinal: id = "cancel"
            case (.active, .adminReview?):
                id = "approve-completion"
                onlyAdmin = true
            default: id = nil
            }
            guard let id else {
                result.outcome = .rejected
                result.reason = "no manual transition to \(target.label) from \(from?.label ?? "a new record")"
                return result
            }
            if onlyAdmin && role != .admin {
                result.outcome = .rejected
                result.reason = "role may not set \(target.label) from here; permitted: `admin`"
                return result
            }
            take(id, to: target, effect: id == "approve-completion" ? "issue_certificate" : nil)
            if id == "approve-completion" {
                facts.completedOn = facts.completedOn ?? today
                result.completedOnSet = .some(facts.completedOn)
            }
        }
        // Settle: `when`/`at` transitions from the current status, in file order.
        settling: while let status = result.status {
            switch status {
            case .inProgress, .inactive:
                guard facts.required > 0 && facts.completed >= facts.required else { break settling }
                if facts.requireCompletionApproval {
                    take("complete-for-review", to: .adminReview, effect: "admin_review_required_email")
                } else {
                    take("complete", to: .active, effect: "issue_certificate")
                    facts.completedOn = facts.completedOn ?? today
                    result.completedOnSet = .some(facts.completedOn)
                }
            case .active:
                guard let e = expiration(facts) else { break settling }
                if today >= e {
                    take("expire", to: .expired)
                } else if let notice = e.subtracting(.days(noticeDays)), today >= notice, noticeDays > 0 {
                    take("expiring", to: .expiring, effect: "certification_expiring_email")
                } else {
                    break settling
                }
            case .expiring:
                guard let e = expiration(facts), today >= e else { break settling }
                take("expire", to: .expired)
            default:
                break settling
            }
        }
        if result.outcome != .rejected {
            result.outcome = result.steps.isEmpty ? (isIgnored(action, input) ? .ignored : .unchanged) : .changed
            result.next = next(result.status, facts, today: today, noticeDays: noticeDays)
        }
        return result
    }

    private static func isIgnored(_ action: Action, _ input: Input) -> Bool {
        if case .apply = action { return true }
        return false
    }

    private static func next(_ status: Status?, _ facts: Facts, today: CalendarDate, noticeDays: Int)
        -> (transition: String, to: Status, date: CalendarDate)? {
        guard status == .active || status == .expiring, let e = expiration(facts) else { return nil }
        var best: (transition: String, to: Status, date: CalendarDate)?
        if e > today { best = ("expire", .expired, e) }
        if status == .active, noticeDays > 0, let notice = e.subtracting(.days(noticeDays)), notice > today,
           best == nil || notice < best!.date {
            best = ("expiring", .expiring, notice)
        }
        return best
    }
}
