/// A strict JSON reader over bytes (RFC 8259), written for Statute's record input:
/// JSON Lines records (`statute run`), request bodies of the decision service and the
/// C ABI, and decision-log lines.
///
/// Strict means: no comments, single quotes, unquoted keys, trailing commas, hex,
/// leading-zero or `+` numbers, `NaN`/`Infinity`, raw control characters in strings,
/// invalid UTF-8 or lone surrogate escapes; a duplicate key in an object is an error.
/// Objects keep their members in input order. Every RFC 8259 number is read: a whole
/// number is an integer however it is written (`200`, `2e2`, `20E+1`, `200.0`), any other
/// is a ``JSONValue/fraction(_:)``, an error only where a value is read from it; a whole
/// number beyond 64 bits is reported with its own code (`invalid-number`).
///
/// Hand-written rather than Foundation's `JSONSerialization`: that one accepts
/// duplicate keys, loses member order and positions, and was the larger part of a
/// record's cost when measured (see Benchmarks/README.md).
package enum JSONReader {
    /// Parses one JSON text (surrounding whitespace allowed).
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 text.
    ///   - maxDepth: the deepest nesting of arrays and objects accepted.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = 64) -> Result<JSONValue, JSONSyntaxError> {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        return parser.parseDocument().mapError { parser.locate($0) }
    }

    /// Parses like ``parse(_:maxDepth:)``; on an error also returns the members of the
    /// top-level object read before it (so an error line can still name a record's id).
    static func parseKeepingPrefix(_ bytes: [UInt8], maxDepth: Int = 64)
        -> (result: Result<JSONValue, JSONSyntaxError>, prefix: [(String, JSONValue)]) {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        let result = parser.parseDocument().mapError { parser.locate($0) }
        return (result, parser.topLevelMembers)
    }
}

/// A JSON syntax error with its position (1-based line and column; columns count
/// Unicode scalars).
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column of the problem, in Unicode scalars.
    public var column: Int
    /// What is wrong, in one lowercase line.
    public var message: String
    /// `invalid-json`, or `invalid-number` for a whole number beyond 64 bits.
    public var code: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String, code: String = "invalid-json") {
        self.line = line
        self.column = column
        self.message = message
        self.code = code
    }

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A problem found at a byte offset; turned into a line and column only when reported.
struct JSONProblem: Error {
    var offset: Int
    var message: String
    var code = "invalid-json"
}
