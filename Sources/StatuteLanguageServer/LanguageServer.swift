import Dispatch
import Statute

/// The language server's message handling: JSON-RPC 2.0 requests and notifications of the
/// Language Server Protocol 3.17 in, responses and diagnostics out through `send`.
///
/// Every message is handled on one serial queue; checks after a change run on another
/// thread once the changes pause (the debounce), and their diagnostics are published only
/// when no newer change has come since — a new change makes a pending check stale.
/// With `debounce` `nil` everything happens on the caller's thread, at once (the tests and
/// the fuzzer use that).
package final class LanguageServer: @unchecked Sendable {
    // @unchecked: every stored property but the constants is touched only on `queue` (or,
    // without a debounce, only on the one thread that calls `handle`).
    private let send: @Sendable (JSON) -> Void
    private let debounce: Double?
    private let queue = DispatchQueue(label: "statute.language-server")
    let workspace = Workspace()
    private var generations: [String: Int] = [:]
    private(set) var initialized = false
    package private(set) var shutDown = false
    /// Set by `exit`: the status the process should end with.
    package private(set) var exitStatus: Int32?

    /// A server that writes each outgoing message with `send`; diagnostics follow a
    /// change after `debounce` seconds (`nil`: at once, on the calling thread).
    package init(debounce: Double? = 0.15, send: @escaping @Sendable (JSON) -> Void) {
        self.debounce = debounce
        self.send = send
    }

    /// Handles one frame read from the client, on the server's queue (waiting for it);
    /// returns the status to exit with once `exit` has come.
    package func receive(_ frame: FrameReader.Frame) -> Int32? {
        let work = { [self] () -> Int32? in
            switch frame {
            case .message(let body): handle(body)
            case .malformed(let reason):
                send(ResponseError(ResponseError.parseError, "malformed message: \(reason)").response(id: .null))
            case .end: break
            }
            return exitStatus
        }
        return debounce == nil ? work() : queue.sync(execute: work)
    }

    /// Handles one message body.
    package func handle(_ body: [UInt8]) {
        let message: JSON
        do throws(JSONParsing.Failure) {
            message = try JSONParsing.parse(body)
        } catch {
            send(ResponseError(ResponseError.parseError, "parse error: \(error.message) at byte \(error.offset)").response(id: .null))
            return
        }
        guard message.isObject, let method = message["method"]?.string else {
            if message["id"] != nil, message["result"] != nil || message["error"] != nil { return }  // a client's response
            send(ResponseError(ResponseError.invalidRequest, "invalid request: a message needs a `method`")
                .response(id: Self.validID(message["id"]) ?? .null))
            return
        }
        let params = message["params"] ?? .null
        guard let rawID = message["id"] else {
            notification(method, params)
            return
        }
        guard let id = Self.validID(rawID) else {
            send(ResponseError(ResponseError.invalidRequest, "invalid request: `id` must be a number or a string").response(id: .null))
            return
        }
        switch request(method, params) {
        case .success(let result): send(["jsonrpc": "2.0", "id": id, "result": result])
        case .failure(let error): send(error.response(id: id))
        }
    }

    private static func validID(_ id: JSON?) -> JSON? {
        switch id {
        case .int?, .string?: id
        case .double(let d)?: d.isFinite && d.rounded() == d ? id : nil
        default: nil
        }
    }

    // MARK: Requests

    private func request(_ method: String, _ params: JSON) -> Result<JSON, ResponseError> {
        if method == "initialize" {
            guard !initialized else { return .failure(ResponseError(ResponseError.invalidRequest, "already initialized")) }
            initialized = true
            workspace.roots = Self.roots(params)
            return .success(Capabilities.initializeResult)
        }
        guard initialized else {
            return .failure(ResponseError(ResponseError.serverNotInitialized, "the server is not initialized yet"))
        }
        guard !shutDown else { return .failure(ResponseError(ResponseError.invalidRequest, "the server is shut down")) }
        switch method {
        case "shutdown":
            shutDown = true
            return .success(.null)
        case "textDocument/hover": return withDocument(params) { HoverFeature.hover(in: $0, at: $1, workspace: workspace) }
        case "textDocument/definition":
            return withDocument(params) { NavigationFeature.definition(in: $0, at: $1, workspace: workspace) }
        case "textDocument/references":
            let includeDeclaration = params["context"]?["includeDeclaration"]?.bool ?? true
            return withDocument(params) {
                NavigationFeature.references(in: $0, at: $1, includeDeclaration: includeDeclaration, workspace: workspace)
            }
        case "textDocument/prepareRename":
            return withDocument(params) { RenameFeature.prepare(in: $0, at: $1, workspace: workspace) }
        case "textDocument/rename":
            guard let newName = params["newName"]?.string else { return .failure(.badParams("`newName`")) }
            return withDocument(params) { (file, position) throws(ResponseError) in
                try RenameFeature.rename(in: file, at: position, to: newName, workspace: workspace)
            }
        case "textDocument/completion":
            guard let uri = params["textDocument"]?["uri"]?.string, let position = Position(params["position"]),
                  let document = workspace.documents[uri] else { return .failure(.badParams("`textDocument` and `position`")) }
            return .success(CompletionFeature.complete(document, at: position, workspace: workspace))
        case "textDocument/documentSymbol":
            guard let uri = params["textDocument"]?["uri"]?.string, let file = workspace.read(uri: uri) else {
                return .failure(.badParams("`textDocument` of an open document"))
            }
            return .success(SymbolsFeature.symbols(in: file))
        case "textDocument/codeAction":
            guard let uri = params["textDocument"]?["uri"]?.string, let range = TextRange(params["range"]),
                  let file = workspace.read(uri: uri) else { return .failure(.badParams("`textDocument` and `range`")) }
            return .success(CodeActionFeature.actions(in: file, range: range))
        default:
            return .failure(ResponseError(ResponseError.methodNotFound, "method not found: \(method)"))
        }
    }

    /// Runs a position request on an open document.
    private func withDocument(_ params: JSON,
                              _ body: (ReadFile, Position) throws(ResponseError) -> JSON) -> Result<JSON, ResponseError> {
        guard let uri = params["textDocument"]?["uri"]?.string, let position = Position(params["position"]) else {
            return .failure(.badParams("`textDocument` and `position`"))
        }
        guard let file = workspace.read(uri: uri) else { return .failure(.badParams("`\(uri)` is not open")) }
        do throws(ResponseError) {
            return .success(try body(file, position))
        } catch {
            return .failure(error)
        }
    }

    private static func roots(_ params: JSON) -> [String] {
        if let folders = params["workspaceFolders"]?.array, !folders.isEmpty {
            return folders.compactMap { $0["uri"]?.string.flatMap(DocumentURI.path(of:)) }
        }
        if let uri = params["rootUri"]?.string, let path = DocumentURI.path(of: uri) { return [path] }
        if let path = params["rootPath"]?.string, path.hasPrefix("/") { return [path] }
        return []
    }

    // MARK: Notifications

    private func notification(_ method: String, _ params: JSON) {
        if method == "exit" {
            exitStatus = shutDown ? 0 : 1
            return
        }
        guard initialized, !shutDown else { return }
        switch method {
        case "textDocument/didOpen":
            guard let item = params["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else { return }
            workspace.open(OpenDocument(uri: uri, version: item["version"]?.int ?? 0, text: text))
            changed(uri)
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.string, var document = workspace.documents[uri],
                  let changes = params["contentChanges"]?.array else { return }
            for change in changes where !document.apply(change: change) { break }
            document.version = params["textDocument"]?["version"]?.int ?? document.version + 1
            workspace.update(document)
            changed(uri)
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.string else { return }
            workspace.close(uri)
            generations[uri, default: 0] += 1
            send(DiagnosticsFeature.clearing(uri))
            recheckTestFiles(except: uri)
        case "textDocument/didSave":
            recheckTestFiles(except: nil)
        default:
            break  // `initialized`, `$/cancelRequest`, `$/setTrace`, `workspace/…`: nothing to do
        }
    }

    // MARK: Diagnostics

    /// A document changed: check it, and the open test files (their policy may be it).
    private func changed(_ uri: String) {
        check(uri)
        recheckTestFiles(except: uri)
    }

    private func recheckTestFiles(except uri: String?) {
        for other in workspace.documents.keys.sorted() where other != uri && workspace.lastRead(other)?.isTestFile != false {
            check(other)
        }
    }

    /// Publishes the document's diagnostics: at once without a debounce; else once changes
    /// pause, checked on another thread, and only if no change came meanwhile.
    private func check(_ uri: String) {
        generations[uri, default: 0] += 1
        let generation = generations[uri]!
        guard let debounce else {
            // Read afresh: the document may be unchanged while the policy it tests changed.
            if let document = workspace.documents[uri] {
                let file = ReadFile(uri: uri, file: document.file, text: document.text, policyTexts: workspace.policyTexts())
                workspace.remember(file, version: document.version)
                send(DiagnosticsFeature.notification(for: file, version: document.version))
            }
            return
        }
        queue.asyncAfter(deadline: .now() + debounce) { [self] in
            guard generations[uri] == generation, let document = workspace.documents[uri] else { return }
            let texts = workspace.policyTexts()
            DispatchQueue.global().async { [self] in
                let file = ReadFile(uri: uri, file: document.file, text: document.text, policyTexts: texts)
                queue.async { [self] in
                    guard generations[uri] == generation else { return }  // a newer change made it stale
                    workspace.remember(file, version: document.version)
                    send(DiagnosticsFeature.notification(for: file, version: document.version))
                }
            }
        }
    }
}
