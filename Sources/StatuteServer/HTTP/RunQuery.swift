import Foundation
import Hummingbird
import Statute

/// The query of `POST /v1/policies/{name}/run` (docs/service.md): `today=YYYY-MM-DD` and
/// `settings=` a JSON object of setting overrides, read with the same rules, codes and
/// messages as the `today` and `settings` of an evaluate body. Any other parameter is a
/// 400, never silently ignored.
enum RunQuery {
    /// The parameters the run route accepts.
    static let names = ["today", "settings"]

    /// The version to answer with (its engine and settings overridden when `settings` is
    /// given) and the date every line is evaluated on.
    static func read(_ request: Request, version: PolicyVersion,
                     defaultToday: () -> CalendarDate) throws(ServiceError) -> (PolicyVersion, CalendarDate) {
        var members: [(String, JSONValue)] = []
        var seen = Set<String>()
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard names.contains(name) else {
                throw .badRequest(code: "unknown-parameter",
                                  message: "unknown query parameter `\(Escaping.shortened(name))`; the run route accepts `today` and `settings`")
            }
            guard seen.insert(name).inserted else {
                throw .badRequest(code: "duplicate-parameter", message: "the query parameter `\(name)` is given twice")
            }
            let text = String(value)
            if name == "today" {
                members.append(("today", .string(text)))
            } else {
                guard case .success(let settings) = JSONReader.parse(Array(text.utf8)) else {
                    throw .badRequest(code: "invalid-json",
                                      message: "the query parameter `settings` must be a JSON object, such as settings={\"grace_days\":3}")
                }
                members.append(("settings", settings))
            }
        }
        guard !members.isEmpty else { return (version, defaultToday()) }
        let input: DecisionInput
        switch DecisionInput.read(.object(members), shape: .evaluate, policy: version.policy) {
        case .success(let read): input = read
        case .failure(let error): throw .badRequest(code: error.code, message: "in the query: " + error.message)
        }
        var answering = version
        if !input.settings.isEmpty {
            let settings = version.settings.merging(input.settings) { _, new in new }
            let engine: Engine
            do {
                engine = try Engine(policy: version.policy, settings: settings)
            } catch {
                throw .badRequest(DecisionError(error))
            }
            answering = PolicyVersion(name: version.name, policy: version.policy, engine: engine, settings: settings, digest: version.digest,
                                      loadedAt: version.loadedAt, bytes: version.bytes)
        }
        return (answering, input.today ?? defaultToday())
    }
}
