import HTTPTypes
import Hummingbird
import Statute

/// `POST /v1/policies/{name}/evaluate`, `/options` and `/run` (docs/service.md). Each request
/// takes one version of the policy when it starts and is answered wholly by it; the
/// answer names that version's digest (in the body, and in `Statute-Policy-Digest`).
struct DecisionController<Context: RequestContext> {
    let store: PolicyStore
    let decider: Decider
    let configuration: ServerConfiguration

    func addRoutes(to group: RouterGroup<Context>) {
        group.post("policies/{name}/evaluate", use: evaluate)
        group.post("policies/{name}/options", use: options)
        group.post("policies/{name}/run", use: run)
    }

    @Sendable func evaluate(_ request: Request, context: Context) async throws -> Response {
        try await decide(request, context: context, options: false)
    }

    @Sendable func options(_ request: Request, context: Context) async throws -> Response {
        try await decide(request, context: context, options: true)
    }

    private func decide(_ request: Request, context: Context, options: Bool) async throws -> Response {
        let (entry, version) = try serving(context)
        try RequestBodies.requireJSON(request)
        let body = try await RequestBodies.collect(request, limit: configuration.maxBodyBytes,
                                                   timeout: configuration.requestTimeout)
        let answer = options
            ? try decider.options(body, entry: entry, version: version)
            : try decider.evaluate(body, entry: entry, version: version)
        return JSONResponse.make(answer, headers: headers(entry, version))
    }

    /// JSON Lines in, JSON Lines out: each answer line is written as soon as its input line is read.
    @Sendable func run(_ request: Request, context: Context) async throws -> Response {
        let (entry, current) = try serving(context)
        try RequestBodies.requireJSONLines(request)
        let limit = configuration.maxRunBodyBytes
        try RequestBodies.checkDeclaredLength(request, limit: limit)
        let (version, today) = try RunQuery.read(request, version: current, defaultToday: configuration.today)
        let lines = RecordLines(engine: version.engine, today: today)
        let pace = RequestBodies.Pace(chunkTimeout: configuration.runChunkTimeout,
                                      minimumBytesPerSecond: configuration.runMinimumBytesPerSecond)
        let decider = self.decider
        var fields = headers(entry, version)
        fields[.contentType] = "application/x-ndjson"
        let body = request.body
        return Response(status: .ok, headers: fields, body: ResponseBody { writer in
            var splitter = lines.makeSplitter()
            var received = 0
            var lastLine = 0
            var failure: ServiceError?
            func answer(_ line: LineSplitter.Line, into out: inout [ByteBuffer]) {
                lastLine = line.number
                if failure != nil { return }
                if case .text(let bytes, _) = line, RecordLines.isBlank(bytes) { return }
                do {
                    let json = try decider.runLine(line, lines: lines, entry: entry, version: version)
                    out.append(ByteBuffer(string: json.rendered() + "\n"))
                } catch {
                    failure = error
                }
            }
            var chunks = RequestBodies.PacedChunks(body, pace: pace)
            while true {
                let chunk: ByteBuffer
                do {
                    guard let next = try await chunks.next() else { break }
                    chunk = next
                } catch let error as ServiceError {
                    // Too slow: the place is given back with an error line, not held.
                    try await writer.write(ByteBuffer(string: Self.errorLine(error, line: lastLine + 1).rendered() + "\n"))
                    try await writer.finish(nil)
                    return
                }
                received += chunk.readableBytes
                if received > limit {
                    let error = ServiceError.tooLarge(limit: limit)
                    try await writer.write(ByteBuffer(string: Self.errorLine(error, line: lastLine + 1).rendered() + "\n"))
                    try await writer.finish(nil)
                    return
                }
                var out: [ByteBuffer] = []
                splitter.feed(chunk.readableBytesView) { answer($0, into: &out) }
                try await writer.write(contentsOf: out)
                if let failure {
                    try await writer.write(ByteBuffer(string: Self.errorLine(failure, line: lastLine).rendered() + "\n"))
                    try await writer.finish(nil)
                    return
                }
            }
            var out: [ByteBuffer] = []
            splitter.finish { answer($0, into: &out) }
            try await writer.write(contentsOf: out)
            if let failure {
                try await writer.write(ByteBuffer(string: Self.errorLine(failure, line: lastLine).rendered() + "\n"))
            }
            try await writer.finish(nil)
        })
    }

    /// A run line for a failure of the whole request (body too large, decision log unwritable).
    static func errorLine(_ error: ServiceError, line: Int) -> JSONValue {
        DecisionError(code: error.code, message: error.message).line(line)
    }

    private func headers(_ entry: PolicyEntry, _ version: PolicyVersion) -> HTTPFields {
        var fields = HTTPFields()
        fields[HTTPField.Name("Statute-Policy")!] = entry.name
        fields[HTTPField.Name("Statute-Policy-Digest")!] = version.digest
        return fields
    }

    private func serving(_ context: Context) throws -> (PolicyEntry, PolicyVersion) {
        let name = context.parameters.get("name") ?? ""
        guard let entry = store.entry(name) else { throw ServiceError.unknownPolicy(name) }
        guard let version = entry.serving else { throw ServiceError.notLoaded(entry.name) }
        return (entry, version)
    }
}
