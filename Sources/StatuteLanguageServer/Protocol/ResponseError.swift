/// A JSON-RPC error answer.
package struct ResponseError: Error, Sendable {
    package var code: Int
    package var message: String

    package init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }

    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let serverNotInitialized = -32002
    static let requestFailed = -32803

    /// `params` lacks what the method needs.
    static func badParams(_ what: String) -> ResponseError { ResponseError(invalidParams, "invalid params: \(what)") }

    /// The response message answering `id` with this error.
    package func response(id: JSON) -> JSON {
        ["jsonrpc": "2.0", "id": id, "error": ["code": .int(code), "message": .string(message)]]
    }
}
