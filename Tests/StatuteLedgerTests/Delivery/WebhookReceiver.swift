import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A real HTTP receiver on loopback for the webhook tests (a Hummingbird app on a port of
/// its own), keeping every request it got:
/// - `POST /ok` answers 204;
/// - `POST /fail` answers 500 with a two-line body;
/// - `POST /flaky` answers 503 to the first request of each idempotency key, then 200;
/// - `POST /slow` answers 200 after 50 ms (so deliverers overlap).
actor WebhookReceiver {
    struct Request: Sendable {
        var path: String
        var key: String?
        var contentType: String?
        var body: String
    }

    private(set) var requests: [Request] = []
    private var seenKeys: Set<String> = []

    private func receive(_ request: Request) -> Bool {
        requests.append(request)
        guard let key = request.key else { return false }
        return !seenKeys.insert(key).inserted
    }

    /// Runs `body` with the receiver's base URL (`http://127.0.0.1:PORT`) while it listens.
    static func with<T: Sendable>(_ body: @Sendable @escaping (String, WebhookReceiver) async throws -> T) async throws -> T {
        let receiver = WebhookReceiver()
        let router = Router()
        for path in ["ok", "fail", "flaky", "slow"] {
            router.post(RouterPath(path)) { request, context -> Response in
                let bytes = try await request.body.collect(upTo: 1 << 20)
                let seenBefore = await receiver.receive(Request(
                    path: path, key: request.headers[.init("Idempotency-Key")!],
                    contentType: request.headers[.contentType], body: String(buffer: bytes)))
                switch path {
                case "ok":
                    return Response(status: .noContent)
                case "fail":
                    return Response(status: .internalServerError,
                                    body: ResponseBody(byteBuffer: ByteBuffer(string: "boom\nsecond line")))
                case "flaky":
                    return Response(status: seenBefore ? .ok : .serviceUnavailable)
                default:
                    try await Task.sleep(for: .milliseconds(50))
                    return Response(status: .ok)
                }
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let result = Mutex<T?>(nil)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let value = try await body("http://127.0.0.1:\(port)", receiver)
            result.withLock { $0 = value }
        }
        return try #require(result.withLock { $0 })
    }
}
