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
        let body = try await RequestBodies.collect(request, limit: configuration.maxBodyBytes)
        let answer = options
            ? try decider.options(body, entry: entry, version: version)
            : try decider.evaluate(body, entry: entry, version: version)
        return JSONResponse.make(bytes: answer, headers: headers(entry, version))
    }

    /// JSON Lines in, JSON Lines out, streamed: the lines of each part of the body that
    /// arrives are answered (and logged) together, and their answers written, before the
    /// next part is awaited.
    @Sendable func run(_ request: Request, context: Context) async throws -> Response {
        let (entry, current) = try serving(context)
        try RequestBodies.requireJSONLines(request)
        let limit = configuration.maxRunBodyBytes
        try RequestBodies.checkDeclaredLength(request, limit: limit)
        let (version, today) = try RunQuery.read(request, version: current, defaultToday: configuration.today)
        let answers = decider.run(lines: RecordLines(engine: version.engine, today: today), entry: entry, version: version)
        let pace = RequestBodies.Pace(chunkTimeout: configuration.runChunkTimeout,
                                      minimumBytesPerSecond: configuration.runMinimumBytesPerSecond)
        var fields = headers(entry, version)
        fields[.contentType] = "application/x-ndjson"
        let body = request.body
        return Response(status: .ok, headers: fields, body: ResponseBody { writer in
            var splitter = answers.lines.makeSplitter()
            var received = 0
            // The number of the last line split off (blank ones included).
            var lastLine = 0
            var batch: [LineSplitter.Line] = []
            var output: [UInt8] = []
            func take(_ line: LineSplitter.Line) {
                lastLine = line.number
                if case .text(let bytes, _) = line, RecordLines.isBlank(bytes) { return }
                batch.append(line)
            }
            /// Answers the batch into `output`; the error line to end with instead, when it could not be logged.
            func answerBatch() -> ByteBuffer? {
                defer { batch.removeAll(keepingCapacity: true) }
                output.removeAll(keepingCapacity: true)
                do {
                    try answers.answer(batch, to: &output)
                    return nil
                } catch {
                    return Self.errorLine(error, line: batch.first?.number ?? lastLine)
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
                    try await writer.write(Self.errorLine(error, line: lastLine + 1))
                    try await writer.finish(nil)
                    return
                }
                received += chunk.readableBytes
                if received > limit {
                    try await writer.write(Self.errorLine(.tooLarge(limit: limit), line: lastLine + 1))
                    try await writer.finish(nil)
                    return
                }
                splitter.feed(chunk.readableBytesView, emit: take)
                if batch.isEmpty { continue }
                if let failure = answerBatch() {
                    try await writer.write(failure)
                    try await writer.finish(nil)
                    return
                }
                try await writer.write(ByteBuffer(bytes: output))
            }
            splitter.finish(emit: take)
            if !batch.isEmpty {
                if let failure = answerBatch() {
                    try await writer.write(failure)
                } else {
                    try await writer.write(ByteBuffer(bytes: output))
                }
            }
            try await writer.finish(nil)
        })
    }

    /// A run line for a failure of the whole request (body too large, decision log
    /// unwritable), and a newline.
    static func errorLine(_ error: ServiceError, line: Int) -> ByteBuffer {
        var bytes: [UInt8] = []
        DecisionError(code: error.code, message: error.message).line(line).write(to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return ByteBuffer(bytes: bytes)
    }

    private func headers(_ entry: PolicyEntry, _ version: PolicyVersion) -> HTTPFields {
        // Appended, not set by name: setting looks the name up in an index of the fields first.
        var fields = HTTPFields()
        fields.reserveCapacity(4)
        fields.append(version.nameField)
        fields.append(version.digestField)
        return fields
    }


    private func serving(_ context: Context) throws -> (PolicyEntry, PolicyVersion) {
        let name = context.parameters.get("name") ?? ""
        guard let entry = store.entry(name) else { throw ServiceError.unknownPolicy(name) }
        guard let version = entry.serving else { throw ServiceError.notLoaded(entry.name) }
        return (entry, version)
    }
}

/// The names of the headers that say which policy version answered.
enum PolicyHeaders {
    static let policy = HTTPField.Name("Statute-Policy")!
    static let digest = HTTPField.Name("Statute-Policy-Digest")!
}
