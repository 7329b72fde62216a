/// JSON Lines input for `statute run` on `policies/certification.yaml`, generated from a
/// seed so that it repeats byte for byte: the input of the golden-output tests that prove
/// `run`'s results do not change when its pipeline changes.
///
/// Every kind of line is mixed in: records of each status (nested and dotted facts,
/// explicit and computed expiration dates, components done or not), new records, `apply`
/// events (taken and ignored), manual requests (taken, and rejected for the role, the
/// status and the guard, with and without a transition id), and errors of each kind the
/// reader and the engine report (bad JSON, numbers Statute cannot hold, duplicate keys,
/// unknown keys and facts, wrong types, bad dates, out-of-range values, conflicting
/// requests, unknown statuses, events and roles, invalid UTF-8, deep nesting), plus blank
/// and whitespace-only lines and CRLF line endings.
public struct RunRecordsGenerator {
    private var random: SplitMix64
    private var number = 0

    /// A generator whose lines are fixed by `seed`.
    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// `count` lines (blank ones included), each ended by `\n` or, now and then, `\r\n`;
    /// the middle one is longer than `run`'s 1 MiB line limit.
    public mutating func lines(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for index in 0..<count {
            // Once, halfway: a line over the 1 MiB limit (a `line-too-long` error).
            bytes += index == count / 2 ? Array(#"{"id":"long","facts":{"x":""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20) + Array(#""}}"#.utf8) : line()
            if pick(10) == 0 { bytes.append(UInt8(ascii: "\r")) }
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    private mutating func pick(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { pick(100) < percent }
    private mutating func one<T>(_ items: [T]) -> T { items[pick(items.count)] }

    private mutating func date(_ years: ClosedRange<Int> = 2023...2026) -> String {
        let year = years.lowerBound + pick(years.count)
        let month = 1 + pick(12)
        let day = one([1, 5, 10, 15, 20, 28, 29, 30, 31])
        let last = [31, year % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(min(day, last)))"
    }

    /// An id: mostly strings, sometimes integers, now and then with escapes or none at all.
    private mutating func id() -> String {
        number += 1
        switch pick(20) {
        case 0: return #""id":\#(number),"#
        case 1: return #""id":"E-\#(number) caf\u00e9 \"q\"","#
        case 2: return ""
        case 3: return #""id":null,"#
        default: return #""id":"E-\#(number)","#
        }
    }

    /// `{"a.b": 1}` or `{"a": {"b": 1}}`, as the coin falls.
    private mutating func facts(_ pairs: [(String, String)]) -> String {
        let nested = chance(30)
        var groups: [(String, [(String, String)])] = []
        for (name, value) in pairs {
            if nested, let dot = name.firstIndex(of: ".") {
                let group = String(name[..<dot]), rest = String(name[name.index(after: dot)...])
                if let index = groups.firstIndex(where: { $0.0 == group }) {
                    groups[index].1.append((rest, value))
                    continue
                }
                groups.append((group, [(rest, value)]))
            } else {
                groups.append((name, []))
                groups[groups.count - 1].1 = [("", value)]
            }
        }
        let members = groups.map { group, members -> String in
            if members.count == 1, members[0].0.isEmpty { return #""\#(group)":\#(members[0].1)"# }
            return #""\#(group)":{"# + members.map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",") + "}"
        }
        return "{" + members.joined(separator: chance(20) ? ", " : ",") + "}"
    }

    private mutating func line() -> [UInt8] {
        let kind = pick(100)
        let id = id()
        switch kind {
        case 0..<30: // Active, with a computed or explicit expiration date
            var pairs = [("program.expires_after_months", one(["6", "12", "24", "36", "0", "null"])),
                         ("components.required", "3"), ("components.completed", "3"), ("completed_on", "\"\(date())\"")]
            if chance(15) { pairs.append(("expires_on", "\"\(date(2026...2027))\"")) }
            return Array(#"{\#(id)"status":"\#(one(["active", "active", "expiring"]))","facts":\#(facts(pairs))}"#.utf8)
        case 30..<45: // in progress or inactive, components done or not
            let required = pick(5), done = pick(required + 2)
            let pairs = [("program.expires_after_months", one(["12", "24"])), ("components.required", "\(required)"),
                         ("components.completed", "\(done)"),
                         ("program.require_completion_approval", one(["true", "false"]))]
            return Array(#"{\#(id)"status":"\#(one(["in_progress", "inactive"]))","facts":\#(facts(pairs))}"#.utf8)
        case 45..<55: // new contacts applying, and an event that is ignored
            let status = one(["", "", "", #""status":null,"#, #""status":"active","#])
            return Array(#"{\#(id)\#(status)"facts":{"program.require_approval":\#(one(["true", "false"]))},"event":"apply"}"#.utf8)
        case 55..<65: // manual requests, taken and rejected
            let request = one([
                #""status":"applied","set":"in_progress","as":"staff""#,
                #""status":"applied","set":"declined","as":"admin""#,
                #""status":"admin_review","facts":{"completed_on":null},"set":"active","as":"admin""#,
                #""status":"admin_review","set":"active","as":"staff""#,
                #""status":"declined","set":"cancelled","as":"staff""#,
                #""status":"active","set":"in_progress","as":"staff""#,
                #""set":"in_progress","as":"staff","transition":"enrol""#,
                #""status":"in_progress","set":"cancelled","as":"staff","transition":"cancel""#,
                #""status":"in_progress","set":"inactive","as":"staff","transition":"cancel""#,
                #""status":"inactive","set":"not_completed","as":"admin""#,
            ])
            return Array("{\(id)\(request)}".utf8)
        case 65..<72: // Expired, and records with no facts at all
            return Array(one([
                #"{\#(id)"status":"expired","facts":{"program.expires_after_months":12,"completed_on":"\#(date(2023...2024))"}}"#,
                #"{\#(id)"status":"cancelled"}"#,
                #"{\#(id)"facts":null}"#,
                #"{\#(id)"status":"applied","facts":{}}"#,
            ]).utf8)
        case 72..<76: // blank lines
            return Array(one(["", "", " \t ", "\t"]).utf8)
        case 76..<90: // lines the reader refuses
            return Array(one([
                "not json", "{id: 1}", "{'id': 1}", #"{"id": 0x1F}"#, #"{"id": 1} // comment"#, #"{"id": 1,}"#,
                #"{"id":"x","id":"y"}"#, #"{"id":1.5}"#, #"{"id":1e3}"#, #"{"id":123456789012345678901234}"#,
                #"{"id":01}"#, #"{"id":-}"#, "[1,2]", "{}", #"{"id":"open"#, #"{"id":"tab\#there"}"#,
                #"{"id":"\ud800"}"#, #"{"id":NaN}"#, #"{"id":"x"} extra"#, "\u{FEFF}{\"id\":1}",
                String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
                #"{"id":"nest","facts":\#(String(repeating: #"{"a":"#, count: 70))1\#(String(repeating: "}", count: 70))}"#,
            ]).utf8)
        case 90..<92: // invalid UTF-8
            return Array(#"{"id":"bad "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        default: // lines the record checks or the engine refuse
            return Array(one([
                #"{\#(id)"stat":"active"}"#,
                #"{\#(id)"status":5}"#,
                #"{"id":[1],"status":"active"}"#,
                #"{\#(id)"status":"actve"}"#,
                #"{\#(id)"status":"active","event":"aply"}"#,
                #"{\#(id)"status":"applied","set":"in_progress","as":"guest"}"#,
                #"{\#(id)"facts":{"program.expire_after_months":12}}"#,
                #"{\#(id)"facts":{"components.required":"3"}}"#,
                #"{\#(id)"facts":{"components.required":true}}"#,
                #"{\#(id)"facts":{"completed_on":"2026-02-30"}}"#,
                #"{\#(id)"facts":{"components.required":-1}}"#,
                #"{\#(id)"facts":{"components.required":null}}"#,
                #"{\#(id)"facts":{"program":{"require_approval":true},"program.require_approval":false}}"#,
                #"{\#(id)"facts":[1]}"#,
                #"{\#(id)"event":"apply","set":"in_progress","as":"staff"}"#,
                #"{\#(id)"set":"in_progress"}"#,
                #"{\#(id)"event":"apply","as":"staff"}"#,
                #"{\#(id)"as":"staff"}"#,
                #"{\#(id)"transition":"enrol"}"#,
                #"{\#(id)"status":"active","set":"cancelled","as":"staff","transition":"nope"}"#,
                #"{\#(id)"facts":{"program":{"unknown":1}}}"#,
                #"{\#(id)"facts":{"completed_on":"2026-1-05"}}"#,
            ]).utf8)
        }
    }
}
