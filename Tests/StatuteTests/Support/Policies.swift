import Foundation
import Testing
@testable import Statute

/// Policies used by the engine tests.
enum Policies {
    static let certificationPath = Fixtures.repositoryRoot.appendingPathComponent("policies/certification.yaml").path

    /// The shipped default policy, compiled once.
    static let certification: CompiledPolicy = {
        let loaded = PolicyLoader.load(contentsOf: certificationPath)
        guard let policy = loaded.policy else {
            fatalError("the default policy does not load:\n\(loaded.diagnostics.map(\.description).joined(separator: "\n"))")
        }
        return policy
    }()

    /// Compiles a policy written in a test; records the diagnostics as an issue when it has errors.
    static func compile(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CompiledPolicy {
        let loaded = PolicyLoader.load(text: text, file: "test.yaml")
        if loaded.diagnostics.hasErrors {
            Issue.record("policy has errors:\n\(loaded.diagnostics.map(\.description).joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
        }
        return try #require(loaded.policy, sourceLocation: sourceLocation)
    }
}

/// `2026-03-01` → a date (test input is always valid).
func day(_ text: String) -> CalendarDate {
    guard let date = CalendarDate(iso: text) else { fatalError("bad date in test: \(text)") }
    return date
}

extension Engine {
    /// Evaluates the default policy's record with facts given as a dictionary literal.
    static func certification(settings: [String: Value] = [:]) throws -> Engine {
        try Engine(policy: Policies.certification, settings: settings)
    }
}
