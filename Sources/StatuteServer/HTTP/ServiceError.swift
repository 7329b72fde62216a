import HTTPTypes
import Hummingbird
import Statute

/// An error answer: `{"error": {"code", "message"}}` with its HTTP status (docs/service.md).
struct ServiceError: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var headers: HTTPFields = [:]

    /// The JSON body.
    var json: JSONValue {
        DecisionError(code: code, message: message).json
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(json, status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    /// 400: the body is not valid JSON or not a valid request (the same codes as `run`).
    static func badRequest(code: String, message: String) -> ServiceError {
        ServiceError(status: .badRequest, code: code, message: message)
    }

    /// 400 for a request the library could not read or decide, worded as `run` words it.
    static func badRequest(_ error: DecisionError) -> ServiceError {
        .badRequest(code: error.code, message: error.message)
    }

    static func unknownPolicy(_ name: String) -> ServiceError {
        ServiceError(status: .notFound, code: "unknown-policy", message: "no policy named `\(Escaping.shortened(name))` is served")
    }

    static func notFound(_ path: String) -> ServiceError {
        ServiceError(status: .notFound, code: "not-found", message: "no route `\(Escaping.shortened(path))`")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> ServiceError {
        var error = ServiceError(status: .methodNotAllowed, code: "method-not-allowed",
                                 message: "`\(method.rawValue)` is not allowed on `\(Escaping.shortened(path))`; use \(allowed.map(\.rawValue).joined(separator: " or "))")
        error.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return error
    }

    static let unauthorized: ServiceError = {
        var error = ServiceError(status: .unauthorized, code: "unauthorized",
                                 message: "this route needs the header `Authorization: Bearer TOKEN` with the server's token")
        error.headers[.wwwAuthenticate] = "Bearer"
        return error
    }()

    static func tooLarge(limit: Int) -> ServiceError {
        ServiceError(status: .contentTooLarge, code: "body-too-large",
                     message: "the request body is larger than the limit of \(limit) bytes")
    }

    static func unsupportedType(_ given: String?, expected: String) -> ServiceError {
        ServiceError(status: .unsupportedMediaType, code: "unsupported-media-type",
                     message: "the body must be \(expected)" + (given.map { ", not `\(Escaping.shortened($0))`" } ?? "; send a Content-Type header"))
    }

    static let overloaded: ServiceError = {
        var error = ServiceError(status: .serviceUnavailable, code: "overloaded",
                                 message: "the server is answering as many requests as it may; retry shortly")
        error.headers[.retryAfter] = "1"
        return error
    }()

    static func notLoaded(_ name: String) -> ServiceError {
        var error = ServiceError(status: .serviceUnavailable, code: "policy-not-loaded",
                                 message: "the policy `\(name)` has not loaded without errors yet; see GET /v1/policies/\(name)")
        error.headers[.retryAfter] = "1"
        return error
    }

    static let timeout = ServiceError(status: .requestTimeout, code: "timeout",
                                      message: "the request took longer than the server's request timeout")

    static func `internal`(_ message: String) -> ServiceError {
        ServiceError(status: .internalServerError, code: "internal", message: message)
    }
}

/// JSON responses.
enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: value.rendered() + "\n")))
    }

    /// An answer already written as JSON (with its newline).
    static func make(bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        if fields.value(.contentType) == nil {
            fields.append(jsonType)
        } else {
            fields[.contentType] = "application/json"
        }
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static let jsonType = HTTPField(name: .contentType, value: "application/json")

    static func text(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
