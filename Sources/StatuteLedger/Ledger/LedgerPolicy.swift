import Crypto
import Foundation
public import Statute

/// A policy as the ledger applies it: its decision maker (policy and settings) and the
/// digests that name what records were evaluated under.
public struct LedgerPolicy: Sendable {
    /// The decision maker every record is evaluated by.
    public let maker: DecisionMaker
    /// The engine of ``maker``: the compiled policy and the settings in effect.
    public var engine: Engine { maker.engine }
    /// The policy's name: records are stored under it.
    public let name: String
    /// `sha256:` and the hex SHA-256 of the policy file's bytes (as the service names versions).
    public let fileDigest: String
    /// The digest of the policy file and the settings in effect: a record last evaluated
    /// under another one is re-evaluated by the next sweep.
    public let digest: String

    /// Creates a ledger policy from a decision maker and the bytes of the policy file it
    /// was compiled from.
    public init(maker: DecisionMaker, policyBytes: [UInt8]) {
        self.maker = maker
        let engine = maker.engine
        name = engine.policy.name
        fileDigest = "sha256:" + Self.hex(SHA256.hash(data: policyBytes))
        // Every setting's value in effect, in declaration order: a changed default or
        // override changes the digest; an unchanged one does not.
        var settings = fileDigest
        for declaration in engine.policy.settings {
            let name = declaration.name.value
            settings += "\n" + name + "=" + JSONValue(engine.setting(name) ?? .null).rendered()
        }
        digest = "sha256:" + Self.hex(SHA256.hash(data: Array(settings.utf8)))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The outbox idempotency key of the `index`-th effect of history entry `seq` of a record:
    /// the hex SHA-256 of those four parts, so it is the same whichever process writes it and
    /// safe to put in an HTTP header or an environment variable.
    package static func outboxKey(policy: String, record: String, seq: Int, index: Int) -> String {
        let text = [policy, record, String(seq), String(index)].joined(separator: "\u{0}")
        return hex(SHA256.hash(data: Array(text.utf8)))
    }
}
