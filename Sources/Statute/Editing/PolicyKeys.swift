import StatuteCore

/// The keys each kind of mapping in a policy or test file allows — the loaders' own tables —
/// and what each key means, for an editor's completion and hover.
package enum PolicyKeys {
    /// A kind of mapping in a policy or a test file.
    package enum Place: String, Hashable, Sendable, CaseIterable {
        case policy, transition, declaration, role, status, named
        case testFile, test, expect, next
    }

    /// The keys allowed at `place`, in the order the docs list them.
    package static func allowed(at place: Place) -> [String] {
        switch place {
        case .policy: PolicyLowering.topLevelKeys
        case .transition: PolicyLowering.transitionKeys
        case .declaration: PolicyLowering.declarationKeys
        case .role: PolicyLowering.roleKeys
        case .status: PolicyLowering.statusKeys
        case .named: PolicyLowering.namedKeys
        case .testFile: TestFileLowering.fileKeys
        case .test: TestFileLowering.testKeys
        case .expect: TestFileLowering.expectKeys
        case .next: TestFileLowering.nextKeys
        }
    }

    /// What `key` means at `place`, one or two sentences of Markdown; `nil` for a key not allowed there.
    package static func meaning(of key: String, at place: Place) -> String? {
        guard allowed(at: place).contains(key) else { return nil }
        return meanings[place]?[key]
    }

    private static let meanings: [Place: [String: String]] = [
        .policy: [
            "statute": "The format version: the integer `1`. Required.",
            "name": "The policy id (`[a-z][a-z0-9_-]*`). Required.",
            "title": "A title for the generated docs.",
            "description": "Text for the generated docs.",
            "roles": "The roles staff can hold: name → `{description, includes}`. A role that includes another may do all it may.",
            "settings": "Organisation-wide settings: name → value declaration. Expressions read them as `settings.NAME`.",
            "facts": "The per-record input the host supplies: dotted name → value declaration.",
            "derive": "Named values computed from facts, settings, `today` and other derived names: name → expression (no cycles).",
            "statuses": "The statuses a record can be in: id → `{label, description, final}`. Their order is the display order. Required.",
            "events": "What the host may report: name → `{description}`.",
            "effects": "What the engine may ask the host to do: name → `{description}`.",
            "transitions": "The transitions, a list; its order is the priority order. Required.",
            "acknowledge": "Analysis warnings acknowledged as intended: code → reason (shown in the generated docs).",
        ],
        .transition: [
            "id": "The transition id (`[a-z][a-z0-9_-]*`), unique in the policy. Required.",
            "from": "A status, a list of statuses, `start` (the record has no status yet) or `\"*\"` (any status not final). Required.",
            "to": "The status the transition leads to. Required.",
            "mode": "`automatic` (the engine takes it by itself) or `manual` (only on a person's request). Required.",
            "on": "Automatic only: an event; the transition fires when the host reports it.",
            "when": "Automatic only: a bool expression; the transition fires whenever it holds while the record is evaluated.",
            "at": "Automatic only: a date expression; the transition fires once `today` is on or after that date.",
            "guard": "A bool expression that must hold too (both modes).",
            "by": "Manual only, required: a role or list of roles allowed to request it.",
            "set": "Facts assigned when the transition is taken: fact → expression. Later steps see the new values.",
            "effects": "Effects emitted when the transition is taken, in order.",
            "description": "Text for the generated docs and explanations.",
            "acknowledge": "Analysis warnings acknowledged for this transition: code → reason.",
        ],
        .declaration: [
            "type": "`bool`, `int`, `string` or `date`; a trailing `?` allows null. Required.",
            "default": "The value when none is given; it must satisfy the declaration. Without `?` and without a default the value is required.",
            "min": "`int` only: the smallest value allowed.",
            "max": "`int` only: the largest value allowed.",
            "values": "`string` only: the allowed strings.",
            "label": "A human name for docs and explanations.",
            "description": "Text for the generated docs.",
        ],
        .role: [
            "description": "Text for the generated docs.",
            "includes": "Roles this role may act as: it may do all they may.",
        ],
        .status: [
            "label": "The display name (made from the id when missing).",
            "description": "Text for the generated docs.",
            "final": "`true`: no transition leaves the status, and `from: \"*\"` does not match it.",
        ],
        .named: ["description": "Text for the generated docs."],
        .testFile: [
            "policy": "The policy the tests run against, a path relative to this file (in its folder or below). Required.",
            "description": "What the tests are about.",
            "today": "The date (`YYYY-MM-DD`) for every test that gives none.",
            "settings": "Settings applied to every test: name → value.",
            "facts": "Facts applied to every test: name → value.",
            "tests": "The tests, a list. Required.",
        ],
        .test: [
            "name": "What the test checks, in a sentence. Required.",
            "description": "More about the test.",
            "today": "The date (`YYYY-MM-DD`) the test evaluates on.",
            "status": "The record's status before the test; omit it for a new record.",
            "facts": "The record's facts, over the file's shared facts.",
            "settings": "Settings over the file's shared settings.",
            "event": "The event the test reports.",
            "set": "A manual request for this status (with `as`).",
            "as": "The role making the manual request.",
            "transition": "The manual transition requested, by id (optional).",
            "expect": "What the result must show; each key optional, those given must match exactly.",
        ],
        .expect: [
            "outcome": "`changed`, `unchanged`, `ignored` or `rejected`.",
            "status": "The status after the test (`null`: the record stays new).",
            "steps": "The transition ids taken, in order.",
            "effects": "The effects emitted, in order.",
            "set": "The facts assigned by `set`: name → value.",
            "next": "The next scheduled change `{transition, to, date}`, or `null` for none.",
        ],
        .next: [
            "transition": "The transition that would fire.",
            "to": "The status it would lead to.",
            "date": "The date (`YYYY-MM-DD`) it would fire on.",
        ],
    ]
}
