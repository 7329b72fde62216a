import Foundation
import Statute
import StatuteCABI
import StatuteTestSupport
import Testing

/// The C functions of include/statute.h, called from Swift as a C host calls them.
/// (`make lib-test` runs the same from C and Python against the built library.)
@Suite struct CABITests {
    static let policyPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies/certification.yaml").path

    /// Takes a returned string: its text, freed.
    static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        defer { statute_string_free(pointer) }
        return String(cString: pointer)
    }

    static func load(_ path: String = policyPath, settings: String? = nil) -> (OpaquePointer?, String?) {
        var diagnostics: UnsafeMutablePointer<CChar>?
        let engine = path.withCString { path in
            withOptionalCString(settings) { statute_engine_load(path, $0, &diagnostics) }
        }
        return (engine, take(diagnostics))
    }

    static func withOptionalCString<T>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> T) -> T {
        guard let text else { return body(nil) }
        return text.withCString { body($0) }
    }

    static func evaluate(_ engine: OpaquePointer?, _ request: String?) -> String? {
        take(withOptionalCString(request) { statute_evaluate(engine, $0) })
    }

    static func parse(_ text: String?) throws -> JSONValue {
        try JSONReader.parse(Array(try #require(text).utf8)).get()
    }

    @Test func anEvaluationAnswersWhatTheEngineAnswers() throws {
        let (engine, diagnostics) = Self.load(settings: #"{"expiring_notice_days": 30}"#)
        defer { statute_engine_free(engine) }
        #expect(engine != nil && diagnostics == nil)
        let answer = try Self.parse(Self.evaluate(engine, #"""
            {"status": "active", "facts": {"completed_on": "2025-01-31", "program": {"expires_after_months": 13}},
             "today": "2026-02-20", "explain": true}
            """#))

        let policy = try #require(PolicyLoader.load(contentsOf: Self.policyPath).policy)
        let direct = try Engine(policy: policy, settings: ["expiring_notice_days": .int(30)]).evaluate(
            Record(status: "active", facts: ["completed_on": .date(CalendarDate(iso: "2025-01-31")!),
                                             "program.expires_after_months": .int(13)]),
            today: CalendarDate(iso: "2026-02-20")!, explain: true)
        #expect(answer == ResultJSON.json(direct))
        #expect(answer["status"] == .string("expiring"))
    }

    @Test func settingsInARequestOverrideTheEnginesForThatRequestOnly() throws {
        let (engine, _) = Self.load(settings: #"{"expiring_notice_days": 30}"#)
        defer { statute_engine_free(engine) }
        let record = #""status": "active", "facts": {"completed_on": "2025-01-31", "program.expires_after_months": 13}, "today": "2026-02-20""#
        let overridden = try Self.parse(Self.evaluate(engine, "{\(record), \"settings\": {\"expiring_notice_days\": 0}}"))
        let plain = try Self.parse(Self.evaluate(engine, "{\(record)}"))
        #expect(overridden["status"] == .string("active"))
        #expect(plain["status"] == .string("expiring"))
    }

    @Test func optionsListOnlyWhatTheRoleMayRequestNow() throws {
        let (engine, _) = Self.load()
        defer { statute_engine_free(engine) }
        let answer = try Self.parse(Self.take(#"{"status": "applied", "facts": {}, "as": "staff", "today": "2026-03-01"}"#
            .withCString { statute_options(engine, $0) }))
        let policy = try #require(PolicyLoader.load(contentsOf: Self.policyPath).policy)
        let allowed = try Engine(policy: policy).manualOptions(for: Record(status: "applied"), role: "staff",
                                                               today: CalendarDate(iso: "2026-03-01")!).filter(\.allowed)
        #expect(answer == .object([("options", .array(allowed.map {
            .object([("transition", .string($0.transition)), ("to", .string($0.to)), ("label", .string($0.label))])
        }))]))
        #expect(!allowed.isEmpty)
    }

    @Test(arguments: [
        (nil as String?, "null-pointer"),
        ("", "invalid-json"),
        ("{status: 1}", "invalid-json"),
        (#"{"status": "active", "status": "active"}"#, "duplicate-key"),
        (#"{"stauts": "active"}"#, "unknown-key"),
        (#"{"status": "actve", "today": "2026-03-01"}"#, "unknown-status"),
        (#"{"facts": {"complted_on": "2025-01-31"}}"#, "unknown-fact"),
        (#"{"event": "aply", "today": "2026-03-01"}"#, "unknown-event"),
        (#"{"today": "2026-02-30"}"#, "invalid-date"),
    ])
    func aBadRequestIsAnErrorObject(request: String?, code: String) throws {
        let (engine, _) = Self.load()
        defer { statute_engine_free(engine) }
        let answer = try Self.parse(Self.evaluate(engine, request))
        #expect(answer["error"]?["code"] == .string(code), "\(answer.rendered())")
        #expect(answer["error"]?["message"] != nil)
    }

    @Test func randomBytesAndMangledRequestsAlwaysGetAJSONAnswer() throws {
        let (engine, _) = Self.load()
        defer { statute_engine_free(engine) }
        let valid = Array(#"{"status": "applied", "facts": {"program": {"require_approval": true}}, "set": "declined", "as": "staff", "today": "2026-03-01", "settings": {"expiring_notice_days": 3}, "explain": true}"#.utf8)
        var random = SplitMix64(seed: 11)
        var answered = 0
        for round in 0..<600 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 1...255, using: &random) }
            } else {
                bytes = valid
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 1...255, using: &random)
                }
            }
            let answer = try Self.parse(Self.take((bytes + [0]).withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { statute_evaluate(engine, $0.baseAddress) }
            }))
            #expect(answer["error"]?["code"] != nil || answer["outcome"] != nil, "\(answer.rendered())")
            answered += 1
        }
        #expect(answered == 600)
    }

    @Test func aNullEngineIsAnErrorObject() throws {
        let answer = try Self.parse(Self.evaluate(nil, "{}"))
        #expect(answer["error"]?["code"] == .string("null-pointer"))
    }

    @Test func aBrokenPolicyGivesNullAndTheCheckDiagnostics() throws {
        let yaml = "statute: 1\nname: b\nstatuses: {a: {label: A}}\ntransitions:\n  - {id: t, from: a, to: zz, mode: automatic, when: true}\n"
        var diagnostics: UnsafeMutablePointer<CChar>?
        let engine = yaml.withCString { statute_engine_load_text($0, yaml.utf8.count, "b.yaml", nil, &diagnostics) }
        #expect(engine == nil)
        let json = try Self.parse(Self.take(diagnostics))
        let loaded = PolicyLoader.load(text: yaml, file: "b.yaml")
        #expect(json == DiagnosticRenderer.json(loaded.diagnostics))
        #expect(json["errors"] == .int(1))
    }

    @Test(arguments: [#"{"expiring_notice_dayz": 1}"#, #"{"expiring_notice_days": "x"}"#, "[1]", "{", #"{"expiring_notice_days": -1}"#])
    func aBadSettingFailsTheLoadWithADiagnostic(settings: String) throws {
        let (engine, diagnostics) = Self.load(settings: settings)
        #expect(engine == nil)
        let json = try Self.parse(diagnostics)
        #expect(json["errors"] == .int(1), "\(json.rendered())")
    }

    @Test func oneEngineAnswersEightThreadsAlike() async throws {
        let (engine, _) = Self.load()
        defer { statute_engine_free(engine) }
        let request = #"{"status": null, "facts": {"program.require_approval": true}, "event": "apply", "today": "2026-03-01", "explain": true}"#
        let expected = try #require(Self.evaluate(engine, request))
        let handle = UInt(bitPattern: engine)   // a C handle is shared as a plain address
        let differing = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).count { _ in Self.evaluate(OpaquePointer(bitPattern: handle), request) != expected }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(differing == 0)
    }

    @Test func theVersionNamesThePolicyLanguage() {
        #expect(String(cString: statute_version()).hasSuffix("(policy language \(StatuteVersion.language))"))
    }
}
