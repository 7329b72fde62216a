import Foundation
import HTTPTypes
import Statute

/// One loaded, checked version of a policy: what answers a request, whole. A class with
/// constant parts: every request takes the serving version, and a copy is one reference.
final class PolicyVersion: Sendable {
    /// The name the policy is served under.
    let name: String
    /// The compiled policy.
    let policy: CompiledPolicy
    /// The engine with the server's settings.
    let engine: Engine
    /// The server's settings for this policy, by name.
    let settings: [String: Value]
    /// `sha256:` + hex of the file's bytes.
    let digest: String
    /// When this version was loaded.
    let loadedAt: Date
    /// The file's bytes as loaded (the ledger names the records' policy version by them).
    let bytes: [UInt8]
    /// The library's decision maker for this version: its engine and the server's settings.
    let decisions: DecisionMaker
    /// `Statute-Policy: <name>` and `Statute-Policy-Digest: <digest>`, on every answer
    /// this version gives.
    let nameField, digestField: HTTPField
    /// `{"name", "digest"}` of this version as JSON bytes, in every answer and log entry.
    let policyJSON: [UInt8]
    /// ``settings`` as a decision log entry's `settings`, for the decisions that override none.
    let settingsJSON: [UInt8]

    init(name: String, policy: CompiledPolicy, engine: Engine, settings: [String: Value], digest: String, loadedAt: Date,
         bytes: [UInt8] = []) {
        self.name = name
        self.policy = policy
        self.engine = engine
        self.settings = settings
        self.digest = digest
        self.loadedAt = loadedAt
        self.bytes = bytes
        self.decisions = DecisionMaker(engine: engine, settings: settings)
        self.nameField = HTTPField(name: PolicyHeaders.policy, value: name)
        self.digestField = HTTPField(name: PolicyHeaders.digest, value: digest)
        var json: [UInt8] = []
        json.append(literal: #"{"name":"#)
        JSONValue.writeString(name, to: &json)
        json.append(literal: #","digest":"#)
        JSONValue.writeString(digest, to: &json)
        json.append(UInt8(ascii: "}"))
        self.policyJSON = json
        self.settingsJSON = DecisionLog.settingsJSON(settings)
    }
}

/// A served policy: its file, the version serving (if any loaded yet), and its state.
struct PolicyEntry: Sendable {
    /// Whether the file on disk is the version serving.
    enum State: String, Sendable {
        /// The file on disk loaded without errors and is serving.
        case ok
        /// The file on disk has errors (or is gone); the last good version keeps serving.
        case stale
        /// The file has never loaded without errors; nothing is serving.
        case failed
    }

    var name: String
    var file: String
    var serving: PolicyVersion?
    var state: State
    /// The diagnostics of the last load (errors when stale or failed, warnings when ok).
    var diagnostics: [Diagnostic]
    /// The file's bytes as read by the last load (none when unreadable or over the size limit):
    /// the console quotes the diagnostics' source lines from these, never from the path again.
    var source: [UInt8]? = nil
    /// The stamp and digest of the file as last read, to notice changes.
    var seen: FileSnapshot.Stamp?
    var seenDigest: String?

    /// `{"name", "digest", "file", "loaded_at", "state", "diagnostics"}` (docs/service.md).
    var summaryJSON: JSONValue { .object(summaryMembers) }

    var summaryMembers: [(String, JSONValue)] {
        [
            ("name", .string(name)),
            ("digest", .text(serving?.digest)),
            ("file", .string(file)),
            ("loaded_at", .text(serving.map { Timestamps.iso8601($0.loadedAt) })),
            ("state", .string(state.rawValue)),
            ("diagnostics", .array(diagnostics.map(DiagnosticRenderer.json(_:)))),
        ]
    }

    /// The summary plus `statuses` and `transitions` of the serving version.
    var detailJSON: JSONValue {
        guard let policy = serving?.policy else {
            return .object(summaryMembers + [("statuses", .array([])), ("transitions", .array([]))])
        }
        let statuses: [JSONValue] = policy.statuses.map { status in
            .object([
                ("id", .string(status.id)),
                ("label", .string(status.label)),
                ("description", .text(status.description)),
                ("final", .bool(status.isFinal)),
            ])
        }
        let transitions: [JSONValue] = policy.transitions.map { transition in
            var from: [JSONValue] = transition.fromStart ? [.null] : []
            from += policy.statuses.filter { transition.fromStatuses.contains($0.index) }.map { .string($0.id) }
            var trigger: [(String, JSONValue)] = [("kind", .string(transition.trigger.kind.rawValue))]
            switch transition.trigger {
            case .event(let name): trigger.append(("event", .string(name)))
            case .manual(let roles): trigger.append(("roles", .array(roles.map { .string($0) })))
            case .when, .at: break
            }
            return .object([
                ("id", .string(transition.id)),
                ("label", .text(transition.description)),
                ("from", .array(from)),
                ("to", .string(policy.statuses[transition.to].id)),
                ("mode", .string(transition.mode.rawValue)),
                ("trigger", .object(trigger)),
            ])
        }
        return .object(summaryMembers + [("statuses", .array(statuses)), ("transitions", .array(transitions))])
    }
}

/// Times as the service writes them: RFC 3339 in UTC with milliseconds.
enum Timestamps {
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
