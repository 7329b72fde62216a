import Foundation
import Statute

/// One enrollment as the host stores it: an id, a status, and facts already converted to
/// Statute values — or the problem that kept it from being read.
struct Enrollment {
    let id: String
    let record: Result<Record, Diagnostic>
}

/// Reads `[{ "id", "status", "facts": {…} }, …]` with Foundation's `JSONSerialization`
/// and converts each fact by the type the policy declares for it.
///
/// Facts may be nested (`{"program": {"require_approval": true}}`) or dotted
/// (`{"program.require_approval": true}`). A record that cannot be read is kept, with its
/// problem, so that one bad row never stops the night's run.
struct EnrollmentReader {
    /// The policy's facts and their declared types.
    let declared: [String: ValueType]

    init(policy: CompiledPolicy) {
        declared = Dictionary(policy.factNames.compactMap { name in policy.factType(name).map { (name, $0) } },
                              uniquingKeysWith: { first, _ in first })
    }

    /// Every enrollment in the file, in file order; throws only when the file itself is unusable.
    func read(contentsOf path: String) throws -> [Enrollment] {
        guard FileManager.default.fileExists(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw ReadError("no such file, or it cannot be read")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReadError("not valid JSON (\(error.localizedDescription))")
        }
        guard let rows = json as? [Any] else {
            throw ReadError("it must hold a JSON array of enrollments")
        }
        return rows.enumerated().map { position, row in enrollment(row, position: position) }
    }

    private func enrollment(_ row: Any, position: Int) -> Enrollment {
        guard let object = row as? [String: Any] else {
            return Enrollment(id: "#\(position + 1)", record: .failure(problem("enrollment is not a JSON object")))
        }
        let id = (object["id"] as? String) ?? (object["id"] as? NSNumber)?.stringValue ?? "#\(position + 1)"
        return Enrollment(id: id, record: Result { () throws(Diagnostic) -> Record in
            let status: String?
            switch object["status"] {
            case nil, is NSNull: status = nil
            case let text as String: status = text
            default: throw problem("`status` must be a string or null")
            }
            var facts: [String: Value] = [:]
            switch object["facts"] {
            case nil, is NSNull: break
            case let mapping as [String: Any]: try collect(mapping, prefix: "", into: &facts)
            default: throw problem("`facts` must be a JSON object")
            }
            return Record(status: status, facts: facts)
        })
    }

    private func collect(_ mapping: [String: Any], prefix: String, into facts: inout [String: Value]) throws(Diagnostic) {
        for key in mapping.keys.sorted() {
            let name = prefix + key
            let raw = mapping[key]!
            if let type = declared[name] {
                guard facts[name] == nil else { throw problem("fact `\(name)` is given twice") }
                facts[name] = try value(raw, named: name, as: type)
            } else if let nested = raw as? [String: Any], declared.keys.contains(where: { $0.hasPrefix(name + ".") }) {
                try collect(nested, prefix: name + ".", into: &facts)
            } else {
                // Passed on as it is: the engine rejects an unknown fact with a "did you mean".
                facts[name] = .string(String(describing: raw))
            }
        }
    }

    /// A JSON value as the declared type: booleans, integers, strings, `YYYY-MM-DD` dates
    /// and `null`. Range checks (`min`, `max`, allowed strings) and null on a fact that
    /// cannot be null are left to the engine, which names the fact in its error.
    private func value(_ raw: Any, named name: String, as declared: ValueType) throws(Diagnostic) -> Value {
        if raw is NSNull { return .null }
        let number = raw as? NSNumber
        let isBoolean = number.map { type(of: $0) == type(of: NSNumber(value: true)) } ?? false
        switch declared.base {
        case .bool:
            if let number, isBoolean { return .bool(number.boolValue) }
        case .int:
            if let number, !isBoolean {
                // JSONSerialization gives integers as integer NSNumbers and anything with a
                // fraction or exponent as a double; accept a double only when it is whole.
                let kind = String(cString: number.objCType)
                if kind != "d" && kind != "f" { return .int(number.intValue) }
                if let whole = Int(exactly: number.doubleValue) { return .int(whole) }
            }
        case .string:
            if let text = raw as? String { return .string(text) }
        case .date:
            if let text = raw as? String {
                guard let date = CalendarDate(iso: text) else {
                    throw problem("fact `\(name)` is not a calendar date: `\(text)`", code: .invalidDate,
                                  help: "write dates as YYYY-MM-DD")
                }
                return .date(date)
            }
        case .period:
            break
        }
        throw problem("fact `\(name)` must be \(declared), found \(describe(raw))", code: .wrongType)
    }

    private func describe(_ raw: Any) -> String {
        switch raw {
        case let number as NSNumber where type(of: number) == type(of: NSNumber(value: true)): "a boolean"
        case let number as NSNumber: "the number \(number)"
        case is String: "a string"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        default: "a value of another kind"
        }
    }

    private func problem(_ message: String, code: DiagnosticCode = .invalidInput, help: String? = nil) -> Diagnostic {
        .error(code, message, at: nil, help: help)
    }
}

/// The enrollments file could not be used at all.
struct ReadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
