import Foundation
import StatuteLedger
import Testing

/// `deliver --webhook`: each entry POSTed with its idempotency key to a real receiver on
/// loopback; 2xx is delivered, anything else a one-line reason.
struct WebhookDelivererTests {
    static let entry = OutboxEntry(key: "k-1", record: "A-1", policy: "certification", effect: "send_notice",
                                   transition: "expire-soon", seq: 1, today: StoreLevelFixtures.today, payload: "{}")

    /// Delivers `body` as ``entry``; nil when delivered, else the failure's message.
    static func deliver(_ deliverer: WebhookDeliverer, body: String) async -> String? {
        do {
            try await deliverer.deliver(entry, json: Array(body.utf8))
            return nil
        } catch {
            return error.message
        }
    }

    @Test func a2xxAnswerIsDeliveredWithTheKeyAndTheEntry() async throws {
        try await WebhookReceiver.with { base, receiver in
            let deliverer = try WebhookDeliverer(url: base + "/ok")
            #expect(await Self.deliver(deliverer, body: #"{"key":"k-1","effect":"send_notice"}"#) == nil)
            let requests = await receiver.requests
            #expect(requests.count == 1)
            #expect(requests.first?.key == "k-1")
            #expect(requests.first?.contentType == "application/json")
            #expect(requests.first?.body == #"{"key":"k-1","effect":"send_notice"}"#)
        }
    }

    @Test func anotherAnswerIsAOneLineReason() async throws {
        try await WebhookReceiver.with { base, _ in
            let deliverer = try WebhookDeliverer(url: base + "/fail")
            let reason = await Self.deliver(deliverer, body: "{}")
            #expect(reason == "HTTP 500 Internal Server Error: boom")
        }
    }

    @Test func aReceiverThatIsNotThereIsAOneLineReason() async throws {
        let deliverer = try WebhookDeliverer(url: "http://127.0.0.1:1/hook", timeout: 5)
        let reason = try #require(await Self.deliver(deliverer, body: "{}"))
        #expect(reason.hasPrefix("POST http://127.0.0.1:1/hook failed: "), "\(reason)")
        #expect(!reason.contains("\n"))
    }

    @Test(arguments: [
        ("ftp://example.com/x", "the scheme must be http or https"),
        ("example.com/hook", "it has no scheme"),
        ("http:///hook", "it has no host"),
        ("http://example.com/a b", "it contains white space"),
    ])
    func aMalformedURLIsRefused(url: String, problem: String) {
        #expect(throws: WebhookURLError(url: url, problem: problem)) { try WebhookDeliverer(url: url) }
    }

    @Test func theMalformedURLMessageIsOneLine() {
        let error = WebhookURLError(url: "ftp://x", problem: "the scheme must be http or https")
        #expect(error.description == "malformed webhook URL 'ftp://x': the scheme must be http or https (expected http://HOST[:PORT]/PATH or https://…)")
    }
}
