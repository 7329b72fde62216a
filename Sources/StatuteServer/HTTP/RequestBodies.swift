import Foundation
import Hummingbird

/// Reading request bodies within the service's limits: media type (415), size (413) and time (408).
enum RequestBodies {
    /// The media type of the request, lowercased, without parameters.
    static func mediaType(_ request: Request) -> String? {
        guard let header = request.headers[.contentType] else { return nil }
        let type = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? header
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// 415 unless the body is JSON (`application/json` or any `+json` type).
    static func requireJSON(_ request: Request) throws(ServiceError) {
        let type = mediaType(request)
        guard let type, type == "application/json" || type.hasSuffix("+json") else {
            throw .unsupportedType(request.headers[.contentType], expected: "JSON (`Content-Type: application/json`)")
        }
    }

    /// 415 unless the body is JSON Lines.
    static func requireJSONLines(_ request: Request) throws(ServiceError) {
        let accepted = ["application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines"]
        guard let type = mediaType(request), accepted.contains(type) else {
            throw .unsupportedType(request.headers[.contentType], expected: "JSON Lines (`Content-Type: application/x-ndjson`)")
        }
    }

    /// 413 at once when the declared length is over `limit`.
    static func checkDeclaredLength(_ request: Request, limit: Int) throws(ServiceError) {
        if let text = request.headers[.contentLength], let length = Int(text), length > limit {
            throw .tooLarge(limit: limit)
        }
    }

    /// The whole body, at most `limit` bytes (413), read within `timeout` (408).
    static func collect(_ request: Request, limit: Int, timeout: Duration) async throws -> [UInt8] {
        try checkDeclaredLength(request, limit: limit)
        let body = request.body
        let buffer: ByteBuffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                do {
                    return try await body.collect(upTo: limit)
                } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                    throw ServiceError.tooLarge(limit: limit)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            guard let first = try await group.next(), let buffer = first else {
                group.cancelAll()
                throw ServiceError.timeout
            }
            group.cancelAll()
            return buffer
        }
        return Array(buffer.readableBytesView)
    }
}
