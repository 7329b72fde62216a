import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Statute
import StatuteTestSupport
import Testing
@testable import StatuteServer

/// Bodies meant to hurt: every one gets a 4xx JSON error (or a 200), never a crash or a 500.
@Suite struct HostileBodyTests {
    static let bodies: [(String, [UInt8])] = [
        ("deep arrays", Array(String(repeating: "[", count: 100_000).utf8)),
        ("deep objects", Array((String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)).utf8)),
        ("huge string", Array((#"{"status": ""# + String(repeating: "x", count: 900_000) + #""}"#).utf8)),
        ("bad UTF-8", [UInt8(ascii: "{"), UInt8(ascii: "\""), 0xFF, 0xFE, UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "1"), UInt8(ascii: "}")]),
        ("overlong UTF-8", Array(#"{"status": ""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)),
        ("NUL bytes", [0, 0, 0, 0]),
        ("wrong types", Array(#"{"status": 5, "facts": [1, 2], "event": {"a": 1}, "explain": "yes", "today": 20260101}"#.utf8)),
        ("wrong fact type", Array(#"{"facts": {"components.required": "many"}}"#.utf8)),
        ("huge integer", Array(#"{"facts": {"components.required": 123456789012345678901234567890}}"#.utf8)),
        ("control characters in a key", Array("{\"\u{1B}[31mred\": 1}".utf8)),
        ("an array", Array("[1, 2, 3]".utf8)),
        ("a bare string", Array(#""hello""#.utf8)),
        ("empty", []),
        ("duplicate keys", Array(#"{"status": "active", "status": "applied"}"#.utf8)),
        ("comments and single quotes", Array("{'status': 'active' /* hi */}".utf8)),
        ("YAML instead of JSON", Array("status: active\nfacts: {}\n".utf8)),
        ("an alias bomb", Array("a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n".utf8)),
        ("unknown date", Array(#"{"today": "2026-02-30"}"#.utf8)),
    ]

    @Test(arguments: ["evaluate", "options"])
    func hostileBodiesGetAClientErrorNeverACrash(route: String) async throws {
        let folder = try ServerFixtures.folder()
        let app = try buildApplication(ServerFixtures.configuration(folder), trapSIGHUP: false)
        try await app.test(.router) { client in
            for (name, bytes) in Self.bodies {
                let response = try await client.execute(uri: "/v1/policies/certification/\(route)", method: .post,
                                                        headers: [.contentType: "application/json"], body: ByteBuffer(bytes: bytes))
                #expect((400..<500).contains(response.status.code), "\(name): \(response.status)")
                let error = ServerFixtures.parse(response.body)?["error"]
                #expect(ServerFixtures.string(error?["code"]) != nil, "\(name)")
                #expect(!(ServerFixtures.string(error?["message"]) ?? "").unicodeScalars.contains { $0.value == 0x1B }, "\(name) echoes an escape")
            }
            // Still serving afterwards.
            let after = try await client.execute(uri: "/v1/policies/certification/evaluate", method: .post,
                                                 headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"event": "apply"}"#))
            #expect(after.status == .ok)
        }
    }

    @Test func randomBytesNeverCrashTheServer() async throws {
        let folder = try ServerFixtures.folder()
        let app = try buildApplication(ServerFixtures.configuration(folder), trapSIGHUP: false)
        var generator = SplitMix64(seed: 0x5EED_5E4E)
        var inputs: [[UInt8]] = []
        let alphabet = Array(#"{}[]":,0123456789truefalsnul \t\n"status""facts""event"\"#.utf8) + [0xC3, 0xFF, 0x00]
        for _ in 0..<200 {
            let length = Int(generator.next() % 80)
            inputs.append((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        let bodies = inputs
        try await app.test(.router) { client in
            for bytes in bodies {
                for route in ["evaluate", "options", "run"] {
                    let type = route == "run" ? "application/x-ndjson" : "application/json"
                    let response = try await client.execute(uri: "/v1/policies/certification/\(route)", method: .post,
                                                            headers: [.contentType: type], body: ByteBuffer(bytes: bytes))
                    #expect(response.status.code < 500, "\(route) \(bytes)")
                }
            }
        }
    }
}
