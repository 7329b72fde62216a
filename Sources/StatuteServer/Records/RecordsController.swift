import Foundation
import Hummingbird
import Statute
import StatuteLedger

/// `POST /v1/records/{policy}`, `GET /v1/records/{policy}/{id}` and
/// `POST /v1/records/{policy}/{id}/apply` (docs/service.md, "Records"): `statute ledger
/// import`, `show` and `apply` over HTTP, on the policy's serving version. A request made
/// with a personal token acts as that person: their name is the `actor`, their role the `as`.
struct RecordsController<Context: RequestContext> {
    let policies: PolicyStore
    /// `nil`: the server has no store, and every records route answers 404 `no-store`.
    let backend: RecordsBackend?
    let people: People?
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<Context>) {
        group.post("records/{policy}", use: importRecord)
        group.get("records/{policy}/{id}", use: show)
        group.post("records/{policy}/{id}/apply", use: apply)
    }

    @Sendable func importRecord(_ request: Request, context: Context) async throws -> Response {
        let (ledger, entry, version) = try await serving(context)
        let body = try await jsonBody(request)
        let answer = try await Self.storeWork { try await ledger.importLines([LedgerLine(number: 1, bytes: body)], today: backend!.today()) }
        guard let answer = answer.first else { throw ServiceError.internal("the import gave no answer") }
        let json = try Self.success(answer, entry: entry, version: version)
        var headers = HTTPFields()
        if case .string(let id)? = json["id"] {
            headers[.location] = "/v1/records/\(RecordPath.encode(entry.name))/\(RecordPath.encode(id))"
        }
        return JSONResponse.make(json, status: .created, headers: headers)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let (ledger, _, _) = try await serving(context)
        let id = try RecordPath.id(context)
        let name = ledger.policy.name
        let found = try await Self.storeWork { () -> (StoredRecord, [HistoryEntry])? in
            guard let record = try await ledger.store.record(policy: name, id: id) else { return nil }
            return (record, try await ledger.store.history(policy: name, id: id))
        }
        guard let found else { throw ServiceError.unknownRecord(policy: name, id: id) }
        let (record, history) = found
        return JSONResponse.make(LedgerJSON.show(record, history: history))
    }

    @Sendable func apply(_ request: Request, context: Context) async throws -> Response {
        let (ledger, entry, version) = try await serving(context)
        let id = try RecordPath.id(context)
        let body = try await jsonBody(request)
        let members: [(String, JSONValue)]
        switch JSONReader.parse(body) {
        case .failure(let error):
            throw ServiceError.badRequest(code: error.code, message: "column \(error.column): \(error.message)")
        case .success(.object(let read)): members = read
        case .success: throw ServiceError.badRequest(code: "invalid-input", message: "the body must be a JSON object")
        }
        if members.contains(where: { $0.0 == "id" }) {
            throw ServiceError.badRequest(code: "unknown-key", message: "the record's id is in the path; leave \"id\" out of the body")
        }
        let person = people?.person(authorization: request.headers[.authorization])
        let line = try Self.line(id: id, members: members, person: person)
        let answer = try await Self.storeWork { try await ledger.applyLine(line, today: backend!.today()) }
        return JSONResponse.make(try Self.success(answer, entry: entry, version: version))
    }

    // MARK: - Helpers

    /// The apply line for `members` on record `id`: a person's name and role replace
    /// `actor` and `as`, and a body that names another person or role is refused (403).
    static func line(id: String, members: [(String, JSONValue)], person: Person?) throws(ServiceError) -> LedgerLine {
        var members = members
        if let person {
            for (key, own) in [("actor", person.name), ("as", person.role)] {
                if let given = members.first(where: { $0.0 == key })?.1, given != .string(own), given != .null {
                    throw ServiceError.notYours(key: key, person: person)
                }
            }
            members.removeAll { $0.0 == "actor" || $0.0 == "as" }
            members.append(("actor", .string(person.name)))
            if members.contains(where: { $0.0 == "set" }) { members.append(("as", .string(person.role))) }
        }
        var bytes: [UInt8] = []
        JSONValue.object([("id", .string(id))] + members).write(to: &bytes)
        return LedgerLine(number: 1, bytes: bytes)
    }

    /// The answer of a line that was applied, with the policy version; an error line as its HTTP error.
    static func success(_ answer: LedgerAnswer, entry: PolicyEntry, version: PolicyVersion) throws(ServiceError) -> JSONValue {
        guard answer.isError else {
            guard case .object(let members) = answer.json else { return answer.json }
            return .object(members + [("policy", .object([("name", .string(entry.name)), ("digest", .string(version.digest))]))])
        }
        let code: String
        let message: String
        if case .string(let read)? = answer.json["error"]?["code"] { code = read } else { code = "invalid-input" }
        if case .string(let read)? = answer.json["error"]?["message"] { message = read } else { message = "the request was refused" }
        let status: HTTPResponse.Status = switch code {
        case "duplicate-record", "version-conflict": .conflict
        case "unknown-record": .notFound
        default: .badRequest
        }
        throw ServiceError(status: status, code: code, message: message)
    }

    /// Runs store work; a store failure is 503 `store-unavailable`.
    static func storeWork<T: Sendable>(_ body: () async throws -> T) async throws(ServiceError) -> T {
        do {
            return try await body()
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .storeUnavailable(RecordsBackend.message(error))
        }
    }

    private func serving(_ context: Context) async throws(ServiceError) -> (Ledger, PolicyEntry, PolicyVersion) {
        guard let backend else { throw .noStore }
        let name = context.parameters.get("policy") ?? ""
        guard let entry = policies.entry(name) else { throw .unknownPolicy(name) }
        guard let version = entry.serving else { throw .notLoaded(entry.name) }
        return (try await backend.ledger(name: entry.name, version: version), entry, version)
    }

    private func jsonBody(_ request: Request) async throws -> [UInt8] {
        try RequestBodies.requireJSON(request)
        return try await RequestBodies.collect(request, limit: maxBodyBytes)
    }
}

/// Record ids in paths: percent-encoded in links, decoded from requests.
enum RecordPath {
    /// `text` with every byte but the unreserved ones percent-encoded, for one path segment.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The `{id}` of the path, percent-decoded (400 when it is not valid UTF-8 percent-encoding).
    static func id<Context: RequestContext>(_ context: Context) throws(ServiceError) -> String {
        let raw = context.parameters.get("id") ?? ""
        guard let id = raw.removingPercentEncoding, !id.isEmpty, !id.contains("\0") else {
            throw .badRequest(code: "invalid-input", message: "the record id in the path is not valid percent-encoded UTF-8")
        }
        return id
    }
}

extension ServiceError {
    static func unknownRecord(policy: String, id: String) -> ServiceError {
        ServiceError(status: .notFound, code: "unknown-record",
                     message: "no record `\(Escaping.shortened(id))` of policy `\(policy)`")
    }

    /// 403: a personal token's request names another person or role.
    static func notYours(key: String, person: Person) -> ServiceError {
        let what = key == "as" ? "role `\(person.role)`" : "name `\(Escaping.shortened(person.name))`"
        return ServiceError(status: .forbidden, code: key == "as" ? "not-your-role" : "not-your-name",
                            message: "a request made with a personal token acts as its person: \"\(key)\" may only be their \(what)")
    }
}
