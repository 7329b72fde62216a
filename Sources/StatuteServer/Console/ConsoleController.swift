import Hummingbird
import Statute

/// The status console (docs/service.md, "The status console"): HTML pages at `/` for
/// staff and admins — the policies and their state, one policy's reference and diagram,
/// and the "Why this status, and what next?" form. Server-rendered; works without script.
struct ConsoleController<Context: RequestContext> {
    let store: PolicyStore
    let pages: ConsolePages
    let diagrams: DiagramCache
    let today: @Sendable () -> CalendarDate

    func addRoutes(to router: Router<Context>) {
        // Every page but signing in and out needs the token (when one is set).
        let signedIn = router.group().add(middleware: ConsoleSignInMiddleware(pages: pages))
        signedIn.get("/", use: policies)
        signedIn.get("policies/{name}", use: policy)
        signedIn.get("policies/{name}/decide", use: decide)
        signedIn.post("policies/{name}/decide", use: decide)
        router.get("login", use: loginPage)
        router.post("login", use: login)
        router.post("logout", use: logout)
    }

    @Sendable func policies(_ request: Request, context: Context) async throws -> Response {
        pages.page("policies", pages.policiesView(store.all()), title: "Policies")
    }

    @Sendable func policy(_ request: Request, context: Context) async throws -> Response {
        switch serving(context) {
        case .failure(let holder): return holder.response
        case .success(let (entry, version)):
            let diagram = await diagrams.diagram(for: version)
            return pages.page("policy", pages.policyView(entry, version, diagram: diagram), title: version.policy.title ?? entry.name,
                              crumb: .init(href: "/policies/\(entry.name)", text: entry.name))
        }
    }

    /// The form (GET without a query), or the answer to a submission (GET with a query, or POST).
    @Sendable func decide(_ request: Request, context: Context) async throws -> Response {
        let entry: PolicyEntry
        let version: PolicyVersion
        switch serving(context) {
        case .failure(let holder): return holder.response
        case .success(let found): (entry, version) = found
        }
        let form = DecisionForm(policy: version.policy, serverSettings: settings(version), defaultToday: today())
        let builder = DecideViewBuilder(form: form, name: entry.name)
        let crumb = LayoutView.Crumb(href: "/policies/\(entry.name)", text: entry.name)
        func show(_ state: DecisionForm.State, _ answer: AnswerView?, _ status: HTTPResponse.Status) -> Response {
            pages.page("decide", builder.view(state, answer: answer), title: "Why this status? — \(entry.name)",
                       crumb: crumb, status: status, script: true)
        }

        let submitted: Result<ConsoleForm, ConsoleForm.ReadError>
        if request.method == .post {
            submitted = await body(request)
        } else {
            submitted = ConsoleForm.read(query: request.uri.query)
        }
        let data: ConsoleForm
        switch submitted {
        case .success(let read): data = read
        case .failure(let error):
            var state = form.blank()
            state.fail("", error.message)
            return show(state, nil, error.message.contains("too large") ? .contentTooLarge : .badRequest)
        }
        if data.isEmpty { return show(form.blank(), nil, .ok) }

        var (state, question) = form.read(data)
        guard let question else { return show(state, nil, .unprocessableContent) }
        switch DecisionAnswer.answer(question, version: version, file: entry.file) {
        case .success(let answer): return show(state, answer, .ok)
        case .failure(let diagnostic):
            state.fail("", diagnostic.message + (diagnostic.help.map { " (\($0))" } ?? ""))
            return show(state, nil, .unprocessableContent)
        }
    }

    @Sendable func loginPage(_ request: Request, context: Context) async throws -> Response {
        let next = ConsoleAuth.safeNext(request.uri.queryParameters.get("next"))
        if pages.auth.allows(request) {
            return Response(status: .seeOther, headers: [.location: next])
        }
        return pages.login(next: next, status: .ok)
    }

    @Sendable func login(_ request: Request, context: Context) async throws -> Response {
        let form: ConsoleForm
        switch await body(request) {
        case .success(let read): form = read
        case .failure(let error): return pages.login(next: "/", error: error.message, status: .badRequest)
        }
        let next = ConsoleAuth.safeNext(form["next"])
        if !pages.auth.isEnabled { return Response(status: .seeOther, headers: [.location: next]) }
        guard let given = form["token"], pages.auth.accepts(given) else {
            return pages.login(next: next, error: "That is not the token. Try again.")
        }
        let session = pages.auth.sessions.start(person: pages.auth.people?.person(token: given))
        return Response(status: .seeOther, headers: [.location: next, .setCookie: pages.auth.setCookie(session: session)])
    }

    /// Ends the session the request carries (on the server, not only in the browser).
    @Sendable func logout(_ request: Request, context: Context) async throws -> Response {
        for cookie in ConsoleAuth.cookies(request) where cookie.name == ConsoleAuth.cookieName {
            pages.auth.sessions.end(cookie.value)
        }
        return Response(status: .seeOther, headers: [.location: pages.auth.isEnabled ? "/login" : "/",
                                                     .setCookie: pages.auth.setCookie(session: nil)])
    }

    // MARK: - Helpers

    /// The entry and its serving version, or the page that says why there is none.
    private func serving(_ context: Context) -> Result<(PolicyEntry, PolicyVersion), ResponseHolder> {
        let name = context.parameters.get("name") ?? ""
        guard let entry = store.entry(name) else {
            return .failure(ResponseHolder(pages.message("No such policy", "This server serves no policy named “\(String(name.prefix(100)))”.",
                                                         status: .notFound)))
        }
        guard let version = entry.serving else {
            return .failure(ResponseHolder(pages.message("Not loaded", "The policy “\(entry.name)” has never loaded without errors; see the policies page.",
                                                         status: .serviceUnavailable)))
        }
        return .success((entry, version))
    }

    /// A urlencoded form body, at most ``ConsoleForm/maxBytes``, read within the request timeout.
    private func body(_ request: Request) async -> Result<ConsoleForm, ConsoleForm.ReadError> {
        let type = RequestBodies.mediaType(request)
        guard type == nil || type == "application/x-www-form-urlencoded" else {
            return .failure(.init(message: "the form must be sent as application/x-www-form-urlencoded"))
        }
        do {
            return ConsoleForm.read(try await RequestBodies.collect(request, limit: ConsoleForm.maxBytes))
        } catch let error as ServiceError where error.code == "body-too-large" {
            return .failure(.init(message: "the form is too large (at most \(ConsoleForm.maxBytes) bytes)"))
        } catch {
            return .failure(.init(message: "the form could not be read"))
        }
    }

    /// The settings in effect for a version, by name (declared defaults included).
    private func settings(_ version: PolicyVersion) -> [String: Value] {
        var values: [String: Value] = [:]
        for declaration in version.policy.settings {
            if let value = version.engine.setting(declaration.name.value) { values[declaration.name.value] = value }
        }
        return values
    }
}

/// A response carried as an error value.
struct ResponseHolder: Error, @unchecked Sendable {
    let response: Response
    init(_ response: Response) { self.response = response }
}
