import Foundation
import Hummingbird

/// Reading request bodies within the service's limits: media type (415), size (413) and time (408).
enum RequestBodies {
    /// The media type of the request, lowercased, without parameters.
    static func mediaType(_ request: Request) -> String? {
        guard let header = request.headers.value(.contentType) else { return nil }
        let type = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? header
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// 415 unless the body is JSON (`application/json` or any `+json` type).
    static func requireJSON(_ request: Request) throws(ServiceError) {
        if request.headers.value(.contentType) == "application/json" { return }
        let type = mediaType(request)
        guard let type, type == "application/json" || type.hasSuffix("+json") else {
            throw .unsupportedType(request.headers.value(.contentType), expected: "JSON (`Content-Type: application/json`)")
        }
    }

    /// 415 unless the body is JSON Lines.
    static func requireJSONLines(_ request: Request) throws(ServiceError) {
        let accepted = ["application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines"]
        guard let type = mediaType(request), accepted.contains(type) else {
            throw .unsupportedType(request.headers.value(.contentType), expected: "JSON Lines (`Content-Type: application/x-ndjson`)")
        }
    }

    /// 413 at once when the declared length is over `limit`.
    static func checkDeclaredLength(_ request: Request, limit: Int) throws(ServiceError) {
        if let text = request.headers.value(.contentLength), let length = Int(text), length > limit {
            throw .tooLarge(limit: limit)
        }
    }

    /// The whole body, at most `limit` bytes (413), read within the request timeout (408,
    /// enforced on the connection by ``BodyDeadlineHandler``).
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        try checkDeclaredLength(request, limit: limit)
        do {
            return Array(try await request.body.collect(upTo: limit).readableBytesView)
        } catch is RequestBodyTimedOut {
            throw ServiceError.timeout
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ServiceError.tooLarge(limit: limit)
        }
    }
}

extension RequestBodies {
    /// How fast a streamed body (`run`) must arrive: each chunk within `chunkTimeout`, and
    /// on average at least `minimumBytesPerSecond` of the time spent waiting for it, once
    /// `chunkTimeout` of waiting has passed (docs/service.md).
    struct Pace: Sendable {
        var chunkTimeout: Duration
        var minimumBytesPerSecond: Int
    }

    /// The chunks of a request body, each awaited with ``Pace``: a client that sends too
    /// slowly gets ``ServiceError/tooSlow`` instead of holding its place for as long as it likes.
    /// After that error the body is left unread (the connection is then closed).
    struct PacedChunks {
        /// Moves the iterator into the task that waits for the next chunk and back.
        private final class Holder: @unchecked Sendable {
            var iterator: RequestBody.AsyncIterator?
            init(_ iterator: RequestBody.AsyncIterator) { self.iterator = iterator }
        }

        private enum Arrival: Sendable {
            case chunk(ByteBuffer?)
            case late
        }

        private let holder: Holder
        private let pace: Pace
        private var waited: Duration = .zero
        private var received = 0

        init(_ body: RequestBody, pace: Pace) {
            self.holder = Holder(body.makeAsyncIterator())
            self.pace = pace
        }

        /// The next chunk, `nil` at the end of the body.
        mutating func next() async throws -> ByteBuffer? {
            let holder = self.holder
            let timeout = pace.chunkTimeout
            let started = ContinuousClock.now
            let arrival: Arrival = try await withThrowingTaskGroup(of: Arrival.self) { group in
                group.addTask {
                    guard var iterator = holder.iterator else { return .chunk(nil) }
                    holder.iterator = nil
                    let chunk = try await iterator.next()
                    holder.iterator = iterator
                    return .chunk(chunk)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .late
                }
                let first = try await group.next() ?? .late
                group.cancelAll()
                return first
            }
            waited += ContinuousClock.now - started
            guard case .chunk(let chunk) = arrival else { throw ServiceError.tooSlow(timeout: timeout) }
            guard let chunk else { return nil }
            received += chunk.readableBytes
            let seconds = Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
            if waited > timeout, Double(received) < Double(pace.minimumBytesPerSecond) * seconds {
                throw ServiceError.tooSlow(minimum: pace.minimumBytesPerSecond)
            }
            return chunk
        }
    }
}

extension ServiceError {
    /// 408: no chunk of a streamed body arrived within `timeout`.
    static func tooSlow(timeout: Duration) -> ServiceError {
        ServiceError(status: .requestTimeout, code: "body-too-slow",
                     message: "no part of the request body arrived within \(seconds(timeout)) seconds; the request was ended")
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// 408: a streamed body arrived slower than the minimum rate.
    static func tooSlow(minimum: Int) -> ServiceError {
        ServiceError(status: .requestTimeout, code: "body-too-slow",
                     message: "the request body arrived slower than \(minimum) bytes a second; the request was ended")
    }
}
