import Hummingbird
import Statute
import StatuteLedger

/// The console's record pages (docs/console.md): `/records/{policy}/{id}` shows a stored
/// record — status, why, what comes next, history, pending effects — and lets a person
/// signed in with their own token apply a manual change their role may request, with a
/// reason, through the same path as `statute ledger apply` and `POST /v1/records/…/apply`.
/// `/records/{policy}?id=ID` is the look-up form of the policy page.
struct RecordPageController<Context: RequestContext> {
    let policies: PolicyStore
    let backend: RecordsBackend?
    let pages: ConsolePages
    let today: @Sendable () -> CalendarDate

    /// The longest reason a change may carry.
    static var maxReasonLength: Int { 1000 }

    func addRoutes(to router: Router<Context>) {
        let signedIn = router.group().add(middleware: ConsoleSignInMiddleware(pages: pages))
        signedIn.get("records/{policy}", use: lookUp)
        signedIn.get("records/{policy}/{id}", use: page)
        signedIn.post("records/{policy}/{id}/apply", use: apply)
    }

    @Sendable func lookUp(_ request: Request, context: Context) async throws -> Response {
        let name = context.parameters.get("policy") ?? ""
        let id = ConsoleForm.read(query: request.uri.query).map { $0["id"] ?? "" }
        guard case .success(let given) = id, !given.isEmpty, given.count <= 1000 else {
            return pages.message("No record given", "Type a record's id in the look-up form of the policy's page.", status: .badRequest)
        }
        return Response(status: .seeOther, headers: [.location: "/records/\(RecordPath.encode(name))/\(RecordPath.encode(given))"])
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        var notice: String?
        if case .success(let query) = ConsoleForm.read(query: request.uri.query), let applied = query["applied"].flatMap(Int.init) {
            notice = "Change applied: the record is now at version \(applied)."
        }
        return await show(request, context, notice: notice, problem: nil, reason: "", status: .ok)
    }

    @Sendable func apply(_ request: Request, context: Context) async throws -> Response {
        guard let person = pages.auth.person(request) else {
            return pages.message("Sign in with your own token",
                                 "Changes are recorded with the name of the person who makes them: sign in with your personal token (statute users add).",
                                 status: .forbidden)
        }
        let form: ConsoleForm
        switch await Self.body(request) {
        case .failure(let error):
            return await show(request, context, notice: nil, problem: error.message, reason: "", status: .badRequest)
        case .success(let read): form = read
        }
        // A session's form carries its key; a request signed with a bearer header cannot be forged by another site.
        let viaHeader = pages.auth.people?.person(authorization: request.headers[.authorization]) != nil
        if !viaHeader {
            guard let expected = pages.auth.formKey(request), let given = form["form_key"],
                  PersonalToken.equal(Array(given.utf8), Array(expected.utf8)) else {
                return pages.message("Form expired", "This form did not come from your session; open the record again and resubmit.",
                                     status: .forbidden)
            }
        }
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let unknown = form.fields.keys.sorted().first(where: { !["form_key", "transition", "reason", "expect_version"].contains($0) }) {
            return await show(request, context, notice: nil,
                              problem: "unknown field `\(Escaping.shortened(unknown, limit: 40))`: a change is made as you, in your own role",
                              reason: reason, status: .badRequest)
        }
        guard let transition = form["transition"], !transition.isEmpty else {
            return await show(request, context, notice: nil, problem: "choose a change", reason: reason, status: .unprocessableContent)
        }
        guard !reason.isEmpty, reason.count <= Self.maxReasonLength else {
            return await show(request, context, notice: nil, problem: "give a reason (at most \(Self.maxReasonLength) characters)",
                              reason: String(reason.prefix(Self.maxReasonLength)), status: .unprocessableContent)
        }
        guard let backend, let found = serving(context) else {
            return await show(request, context, notice: nil, problem: nil, reason: reason, status: .notFound)
        }
        let (entry, version) = found
        guard let target = version.policy.transitions.first(where: { $0.id == transition }).map({ version.policy.statuses[$0.to].id }) else {
            return await show(request, context, notice: nil, problem: "the policy has no transition `\(Escaping.shortened(transition, limit: 80))`",
                              reason: reason, status: .unprocessableContent)
        }
        var members: [(String, JSONValue)] = [("set", .string(target)), ("transition", .string(transition)), ("reason", .string(reason))]
        if let expected = form["expect_version"].flatMap(Int.init) { members.append(("expect_version", .int(expected))) }
        do {
            let id = try RecordPath.id(context)
            let ledger = try await backend.ledger(name: entry.name, version: version)
            let line = try RecordsController<Context>.line(id: id, members: members, person: person)
            let answer = try await RecordsController<Context>.storeWork { try await ledger.applyLine(line, today: today()) }
            if answer.isError {
                let message = Self.text(answer.json["error"]?["message"])
                return await show(request, context, notice: nil, problem: message ?? "the change was refused", reason: reason, status: .conflict)
            }
            guard answer.outcome != .rejected, answer.outcome != .ignored else {
                let why = Self.text(answer.json["reason"])
                return await show(request, context, notice: nil, problem: "not applied: \(why ?? "the policy refused the change")",
                                  reason: reason, status: .unprocessableContent)
            }
            var version = 0
            if case .int(let number)? = answer.json["version"] { version = number }
            return Response(status: .seeOther, headers: [.location: "/records/\(RecordPath.encode(entry.name))/\(RecordPath.encode(id))?applied=\(version)"])
        } catch {
            return await show(request, context, notice: nil, problem: error.message, reason: reason,
                              status: error.status == .forbidden ? .forbidden : .serviceUnavailable)
        }
    }

    // MARK: - Helpers

    private func show(_ request: Request, _ context: Context, notice: String?, problem: String?, reason: String,
                      status: HTTPResponse.Status) async -> Response {
        guard let backend else {
            return pages.message("No records", "This server keeps no records; start it with --store URL.", status: .notFound)
        }
        guard let found = serving(context) else {
            let name = context.parameters.get("policy") ?? ""
            return pages.message("No such policy", "This server serves no loaded policy named “\(Escaping.shortened(name, limit: 100))”.",
                                 status: .notFound)
        }
        let (entry, version) = found
        let id: String
        do { id = try RecordPath.id(context) } catch {
            return pages.message("Bad record id", error.message, status: .badRequest)
        }
        let crumb = LayoutView.Crumb(href: "/policies/\(entry.name)", text: entry.name)
        do {
            let ledger = try await backend.ledger(name: entry.name, version: version)
            let store = ledger.store
            guard let record = try await RecordsController<Context>.storeWork({ try await store.record(policy: entry.name, id: id) }) else {
                return pages.page("message", MessageView(heading: "No such record",
                                                         text: "The policy “\(entry.name)” has no record “\(Escaping.shortened(id, limit: 100))”."),
                                  title: "No such record", crumb: crumb, status: .notFound)
            }
            let history = try await RecordsController<Context>.storeWork { try await store.history(policy: entry.name, id: id) }
            let pending = try await RecordsController<Context>.storeWork { try await store.pendingEffects(policy: entry.name, record: id, history: history) }
            var view = RecordViewBuilder.view(record: record, history: history, pending: pending, version: version, name: entry.name,
                                              today: today(), person: pages.auth.person(request), formKey: pages.auth.formKey(request))
            view.notice = notice
            view.problem = problem
            view.reason = reason
            return pages.page("record", view, title: "Record \(Escaping.shortened(id, limit: 60)) — \(entry.name)", crumb: crumb, status: status)
        } catch {
            return pages.message("Store unavailable", error.message, status: error.status)
        }
    }

    private static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    private func serving(_ context: Context) -> (PolicyEntry, PolicyVersion)? {
        guard let entry = policies.entry(context.parameters.get("policy") ?? ""), let version = entry.serving else { return nil }
        return (entry, version)
    }

    /// A urlencoded form body within the console's limits.
    static func body(_ request: Request) async -> Result<ConsoleForm, ConsoleForm.ReadError> {
        let type = RequestBodies.mediaType(request)
        guard type == nil || type == "application/x-www-form-urlencoded" else {
            return .failure(.init(message: "the form must be sent as application/x-www-form-urlencoded"))
        }
        do {
            return ConsoleForm.read(try await RequestBodies.collect(request, limit: ConsoleForm.maxBytes))
        } catch {
            return .failure(.init(message: "the form could not be read (at most \(ConsoleForm.maxBytes) bytes)"))
        }
    }
}
