import Hummingbird
import Testing
@testable import StatuteServer

/// The byte-level readings of a request's target and `Host` agree with the `String`
/// readings they stand in for on the hot path.
struct RequestTargetBytesTests {
    typealias Check = HostCheckMiddleware<BasicRequestContext>

    @Test func runPathsAreThoseEndingInSlashRunBeforeAnyQuery() {
        for target in ["/v1/policies/certification/run", "/v1/policies/certification/run?today=2026-01-01", "/run", "/run?"] {
            #expect(RunPath.matches(target), "\(target)")
        }
        for target in ["", "/", "run", "/v1/policies/certification/evaluate", "/v1/policies/run/evaluate",
                       "/v1/policies/certification/run/", "/v1/policies/certification/rerun", "/evaluate?next=/run",
                       "/v1/policies/certification/runs", "/ru"] {
            #expect(!RunPath.matches(target), "\(target)")
        }
        #expect(RunPath.matches("/v1/policies/cértification/run"))
        #expect(!RunPath.matches("/v1/policies/certification/rün"))
    }

    /// Every authority of up to five characters from an alphabet that holds each special
    /// character: the byte reading equals `normalized(hostPart(of:))`.
    @Test func theHostNameReadAsBytesEqualsTheStringReading() {
        let alphabet = ["a", "Z", ".", ":", "[", "]", "1"]
        var authorities = [""]
        var frontier = [""]
        for _ in 1...5 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + $0 } }
            authorities += frontier
        }
        authorities += ["Example.COM:8080", "[::1]:8080", "[::1]", "app.localhost.", "STATUTE.internal", "bücher.example:80",
                        "BÜCHER.example", "[fe80::1%25eth0]:1"]
        var checked = 0
        for authority in authorities {
            let expected = Check.normalized(Check.hostPart(of: authority))
            #expect(Check.hostName(of: authority) == expected, "\(authority)")
            checked += 1
        }
        #expect(checked > 19_000)
    }
}
