import BenchmarkSupport
import Foundation
import Statute

/// One line of `handwritten-run`: decoded with Foundation's `JSONDecoder`, evaluated by
/// `HandWrittenCertification`, answered with JSON written by hand.
struct HandWrittenPipeline {
    typealias Policy = HandWrittenCertification
    let today: CalendarDate
    let noticeDays: Int
    private let decoder = JSONDecoder()
    private(set) var records = 0
    private(set) var errors = 0

    init(today: CalendarDate, noticeDays: Int) {
        self.today = today
        self.noticeDays = noticeDays
    }

    /// A line's `id`: a string or an integer.
    enum ID: Decodable {
        case text(String), number(Int)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    /// The facts of the default policy, with dotted keys.
    struct Facts: Decodable {
        var requireApproval: Bool?
        var requireCompletionApproval: Bool?
        var expiresAfterMonths: Int?
        var required: Int?
        var completed: Int?
        var completedOn: String?
        var expiresOn: String?

        enum CodingKeys: String, CodingKey {
            case requireApproval = "program.require_approval"
            case requireCompletionApproval = "program.require_completion_approval"
            case expiresAfterMonths = "program.expires_after_months"
            case required = "components.required"
            case completed = "components.completed"
            case completedOn = "completed_on"
            case expiresOn = "expires_on"
        }
    }

    struct Line: Decodable {
        var id: ID?
        var status: String?
        var facts: Facts?
        var event: String?
        var set: String?
        var `as`: String?
    }

    struct Failure: Error {
        var message: String
    }

    mutating func answer(_ bytes: Data, line: Int, into output: inout [UInt8]) {
        records += 1
        let decoded: Line
        do {
            decoded = try decoder.decode(Line.self, from: bytes)
        } catch {
            errors += 1
            return writeError(id: nil, line: line, code: "invalid-json", message: "\(error)", into: &output)
        }
        do {
            let (input, action) = try convert(decoded)
            let result = Policy.evaluate(input, action, today: today, noticeDays: noticeDays)
            write(decoded.id, result, action: action, into: &output)
        } catch let failure as Failure {
            errors += 1
            writeError(id: decoded.id, line: line, code: "invalid-input", message: failure.message, into: &output)
        } catch {
            errors += 1
        }
    }

    private func date(_ text: String?, _ name: String) throws -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(iso: text) else { throw Failure(message: "`\(name)` is not a date: \(text)") }
        return date
    }

    private func convert(_ line: Line) throws -> (Policy.Input, Policy.Action) {
        var facts = Policy.Facts()
        if let given = line.facts {
            facts.requireApproval = given.requireApproval ?? false
            facts.requireCompletionApproval = given.requireCompletionApproval ?? false
            facts.expiresAfterMonths = given.expiresAfterMonths
            facts.required = given.required ?? 0
            facts.completed = given.completed ?? 0
            facts.completedOn = try date(given.completedOn, "completed_on")
            facts.expiresOn = try date(given.expiresOn, "expires_on")
        }
        var status: Policy.Status?
        if let id = line.status {
            guard let known = Policy.Status(id: id) else { throw Failure(message: "unknown status `\(id)`") }
            status = known
        }
        let action: Policy.Action
        switch (line.event, line.set, line.as) {
        case (nil, nil, nil): action = .evaluate
        case ("apply"?, nil, nil): action = .apply
        case (nil, let target?, let role?):
            guard let to = Policy.Status(id: target) else { throw Failure(message: "unknown status `\(target)`") }
            switch role {
            case "staff": action = .manual(to, .staff)
            case "admin": action = .manual(to, .admin)
            default: throw Failure(message: "unknown role `\(role)`")
            }
        default: throw Failure(message: "not a request this program handles")
        }
        return (Policy.Input(status: status, facts: facts), action)
    }

    // MARK: - JSON written by hand

    private static let automatic = ["apply-with-approval", "apply", "complete-for-review", "complete", "expire", "expiring"]

    private func write(_ id: ID?, _ result: Policy.Result, action: Policy.Action, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        writeID(id, into: &out)
        out.append(contentsOf: #","status":"#.utf8)
        writeStatus(result.status, into: &out)
        out.append(contentsOf: #","previous":"#.utf8)
        writeStatus(result.previous, into: &out)
        out.append(contentsOf: #","outcome":""#.utf8)
        out.append(contentsOf: result.outcome.rawValue.utf8)
        out.append(contentsOf: #"","steps":["#.utf8)
        for (index, step) in result.steps.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"transition":""#.utf8)
            out.append(contentsOf: step.transition.utf8)
            out.append(contentsOf: #"","from":"#.utf8)
            writeStatus(step.from, into: &out)
            out.append(contentsOf: #","to":""#.utf8)
            out.append(contentsOf: step.to.id.utf8)
            let automatic = Self.automatic.contains(step.transition)
            out.append(contentsOf: automatic ? #"","mode":"automatic","trigger":""#.utf8 : #"","mode":"manual","trigger":""#.utf8)
            let trigger: String
            switch step.transition {
            case "apply", "apply-with-approval": trigger = "event"
            case "complete", "complete-for-review": trigger = "when"
            case "expire", "expiring": trigger = "at"
            default: trigger = "manual"
            }
            out.append(contentsOf: trigger.utf8)
            out.append(contentsOf: #""}"#.utf8)
        }
        out.append(contentsOf: #"],"effects":["#.utf8)
        for (index, effect) in result.effects.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: effect.utf8)
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: #"],"set":{"#.utf8)
        if let set = result.completedOnSet {
            out.append(contentsOf: #""completed_on":"#.utf8)
            if let date = set { out.append(contentsOf: "\"\(date)\"".utf8) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(contentsOf: #"},"next":"#.utf8)
        if let next = result.next {
            out.append(contentsOf: #"{"transition":""#.utf8)
            out.append(contentsOf: next.transition.utf8)
            out.append(contentsOf: #"","to":""#.utf8)
            out.append(contentsOf: next.to.id.utf8)
            out.append(contentsOf: #"","date":""#.utf8)
            out.append(contentsOf: next.date.description.utf8)
            out.append(contentsOf: #""}"#.utf8)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        if result.outcome == .rejected || result.outcome == .ignored {
            out.append(contentsOf: #","reason":"#.utf8)
            let reason = result.reason ?? "event `apply` was ignored: no transition on it applies from \(result.status?.label ?? "")"
            writeString(reason, into: &out)
        }
        out.append(contentsOf: "}\n".utf8)
    }

    private func writeStatus(_ status: Policy.Status?, into out: inout [UInt8]) {
        guard let status else { return out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: status.id.utf8)
        out.append(UInt8(ascii: "\""))
    }

    private func writeID(_ id: ID?, into out: inout [UInt8]) {
        switch id {
        case .text(let text)?: writeString(text, into: &out)
        case .number(let number)?: out.append(contentsOf: String(number).utf8)
        case nil: out.append(contentsOf: "null".utf8)
        }
    }

    private func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case ..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private func writeError(id: ID?, line: Int, code: String, message: String, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        writeID(id, into: &out)
        out.append(contentsOf: #","line":\#(line),"error":{"code":""#.utf8)
        out.append(contentsOf: code.utf8)
        out.append(contentsOf: #"","message":"#.utf8)
        writeString(message, into: &out)
        out.append(contentsOf: "}}\n".utf8)
    }
}
