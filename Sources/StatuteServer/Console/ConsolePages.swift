import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import Statute

/// Renders the console's pages: builds each view from the served policies and puts it
/// through the Mustache templates and the layout. Knows nothing about routes.
struct ConsolePages: Sendable {
    let library: MustacheLibrary
    let auth: ConsoleAuth
    /// `Content-Security-Policy` allowing the console's own style and its one script, by hash.
    let securityPolicy: String

    /// Whether the server keeps records (`--store`).
    let records: Bool

    init(auth: ConsoleAuth, records: Bool = false) throws {
        self.library = try ConsoleTemplates.library()
        self.auth = auth
        self.records = records
        let digest = SHA256.hash(data: Array(ConsoleTemplates.script.utf8))
        self.securityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "script-src 'sha256-\(Data(digest).base64EncodedString())'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    /// A whole page in the layout, as a response.
    func page(_ template: String, _ view: Any, title: String, crumb: LayoutView.Crumb? = nil,
              status: HTTPResponse.Status = .ok, script: Bool = false, headers extra: HTTPFields = [:]) -> Response {
        let content = library.render(view, withTemplate: template) ?? ""
        let layout = LayoutView(title: title, content: content, crumb: crumb, signedIn: auth.isEnabled,
                                style: ConsoleTemplates.style, script: script ? ConsoleTemplates.script : nil, version: "1")
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("Content-Security-Policy")!: securityPolicy,
        ]
        headers.append(contentsOf: extra)
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A short page with a heading and one sentence (not found, not loaded…).
    func message(_ heading: String, _ text: String, status: HTTPResponse.Status) -> Response {
        page("message", MessageView(heading: heading, text: text), title: heading, status: status)
    }

    /// The sign-in form; 401 when shown in place of a page.
    func login(next: String, error: String? = nil, status: HTTPResponse.Status = .unauthorized) -> Response {
        page("login", LoginView(next: ConsoleAuth.safeNext(next), error: error), title: "Sign in", status: status)
    }

    // MARK: - Views

    func policiesView(_ entries: [PolicyEntry]) -> PoliciesView {
        PoliciesView(count: entries.count, policies: entries.map { entry in
            PoliciesView.Row(name: entry.name, title: entry.serving?.policy.title ?? entry.name, serving: entry.serving != nil,
                             state: entry.state.rawValue, isOK: entry.state == .ok, isStale: entry.state == .stale,
                             file: entry.file, digest: entry.serving?.digest, digestShort: Self.short(entry.serving?.digest),
                             loadedAt: entry.serving.map { Timestamps.iso8601($0.loadedAt) } ?? "never",
                             hasDiagnostics: !entry.diagnostics.isEmpty, diagnostics: Self.diagnosticsText(entry))
        })
    }

    func policyView(_ entry: PolicyEntry, _ version: PolicyVersion, diagram: DiagramCache.Diagram) -> PolicyView {
        let policy = version.policy
        let settings = policy.settings.map { declaration in
            PolicyView.Setting(name: declaration.name.value, label: declaration.label ?? "", type: "\(declaration.type.value)",
                               value: version.engine.setting(declaration.name.value).map { "\($0)" } ?? "null",
                               defaultText: declaration.defaultValue.map { "\($0.value)" } ?? "none")
        }
        var view = PolicyView(name: entry.name, title: policy.title ?? entry.name, state: entry.state.rawValue,
                          isStale: entry.state == .stale, file: entry.file, digest: version.digest,
                          digestShort: Self.short(version.digest), loadedAt: Timestamps.iso8601(version.loadedAt),
                          hasSettings: !settings.isEmpty, settings: settings,
                          docs: DocHTML.render(PolicyDocs.document(for: policy), diagram: Self.diagram(diagram, policy)))
        view.hasRecords = records
        return view
    }

    /// The lifecycle as inline SVG, drawn by Graphviz from `statute graph --format dot`, or why it is not shown.
    static func diagram(_ diagram: DiagramCache.Diagram, _ policy: CompiledPolicy) -> String {
        switch diagram {
        case .drawn(let svg):
            let titled = svg.replacingOccurrences(of: "<svg ", with: "<svg role=\"img\" aria-labelledby=\"diagram-caption\" ",
                                                  options: [], range: svg.range(of: "<svg "))
            return "<figure class=\"diagram\">\(titled)<figcaption id=\"diagram-caption\">The lifecycle of "
                + "\(HTML.escape(policy.title ?? policy.name)): every status and the transitions between them.</figcaption></figure>"
        case .failed(let message):
            return "<p class=\"error\" id=\"diagram-missing\">The diagram could not be drawn: \(HTML.escape(message)).</p>"
        case .leftOut(let arrows):
            return "<p class=\"hint\" id=\"diagram-missing\">The diagram is left out: it would have \(arrows) arrows, more than "
                + "the console draws. <code>statute graph --format dot</code> writes it for Graphviz, and "
                + "<code>--format mermaid</code> for Mermaid.</p>"
        case .drawing:
            return "<p class=\"hint\" id=\"diagram-missing\">The diagram is still being drawn; reload the page in a moment.</p>"
        }
    }

    /// Diagnostics as `statute check` prints them: file, line, the source line, the caret —
    /// the source lines quoted from the bytes read at load, never from the file again.
    static func diagnosticsText(_ entry: PolicyEntry) -> String {
        let source = entry.source.map { String(decoding: $0, as: UTF8.self) }
        var renderer = DiagnosticRenderer(sources: { path in path == entry.file ? source : nil })
        return entry.diagnostics.map { renderer.text($0) }.joined(separator: "\n")
    }

    static func short(_ digest: String?) -> String {
        guard let digest else { return "" }
        return String(digest.dropFirst("sha256:".count).prefix(12))
    }
}
